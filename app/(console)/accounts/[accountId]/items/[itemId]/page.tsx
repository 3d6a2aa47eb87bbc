import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { requirePageUser, type SessionUser } from "@/lib/auth";
import { getAccountSettings } from "@/lib/data/accounts/get-account-settings";
import { canAcceptRisk } from "@/lib/auth/permissions";
import { isAccountId } from "@/lib/aws/account-id";
import { CHECKLIST_ITEMS } from "@/lib/checklist/items";
import { findRiskAcceptances } from "@/lib/data/acceptances/find-risk-acceptances";
import { getAccountItem } from "@/lib/data/checklist/get-account-item";
import { isAppError } from "@/lib/errors";
import { lastAllowedExpiry } from "@/lib/schemas/acceptance";
import { hasControlCharacter } from "@/lib/schemas/has-control-character";
import { zPageNumberParam } from "@/lib/schemas/page-number-param";
import { parseQueryParams } from "@/lib/schemas/query-params";
import { formatTime } from "../../../../_components/format";
import { InvalidQuery } from "../../../../_components/invalid-query";
import { ItemDefinition } from "../../../../_components/item-definition";
import { ScrollToHash } from "../../../../_components/scroll-to-hash";
import { StatusBadge } from "../../../../_components/status-badge";
import { AcceptanceForm } from "./_components/acceptance-form";
import { AcceptancesList } from "./_components/acceptances-list";
import { ItemSkeleton } from "./_components/item-skeleton";
import { GroupedEvidence } from "./_components/evidence-list";
import { defaultGrouping, EVIDENCE_GROUPINGS } from "./_lib/group-evidence";
import { z } from "zod";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ accountId: string; itemId: string }> }): Promise<Metadata> {
  const { accountId, itemId } = await params;
  return { title: `${itemId} in account ${accountId}` };
}

const DEFAULT_ACCEPTANCE_DAYS = 90;
const day = (date: Date) => date.toISOString().slice(0, 10);

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
/**
 * The evidence view's grouping and paging. Refused with a message, not defaulted: a link
 * asking for a grouping or page that silently showed another would look like the answer.
 */
const ZEvidenceParams = z.object({
  group: z.preprocess(
    blankToUndefined,
    z.enum(EVIDENCE_GROUPINGS, { error: `must be one of ${EVIDENCE_GROUPINGS.join(", ")}` }).optional(),
  ),
  page: zPageNumberParam(),
  open: z.preprocess(
    blankToUndefined,
    z
      .string()
      .max(2048, "must be at most 2048 characters")
      .refine((value) => !hasControlCharacter(value), "must not contain control characters")
      .optional(),
  ),
  rpage: zPageNumberParam(),
});

/**
 * One checklist item of one account. The scope check runs before anything is sent (a real
 * 404 for an unknown or out-of-scope account); the evidence then streams in behind a
 * skeleton (a route-level loading.tsx would send 200 before the check could run).
 */
export default async function AccountItemPage({
  params,
  searchParams,
}: {
  params: Promise<{ accountId: string; itemId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Item ids ("IAM-01") need no URL encoding; anything not on the checklist is a 404.
  const { accountId, itemId } = await params;
  const definition = CHECKLIST_ITEMS.find((item) => item.id === itemId);
  if (!isAccountId(accountId) || !definition) notFound();
  const user = await requirePageUser();
  await getAccountSettings(user, accountId).catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  let evidenceParams: z.infer<typeof ZEvidenceParams>;
  try {
    evidenceParams = parseQueryParams(ZEvidenceParams, await searchParams);
  } catch (error) {
    if (!isAppError(error) || error.code !== "INVALID_INPUT") throw error;
    return (
      <InvalidQuery
        title={`${itemId} ${definition.title}`}
        message={error.message}
        resetHref={`/accounts/${accountId}/items/${itemId}`}
        resetLabel={`Open ${itemId} without them`}
      />
    );
  }
  return (
    <Suspense fallback={<ItemSkeleton />}>
      <ItemPageBody user={user} accountId={accountId} definition={definition} evidenceParams={evidenceParams} />
    </Suspense>
  );
}

async function ItemPageBody({
  user,
  accountId,
  definition,
  evidenceParams,
}: {
  user: SessionUser;
  accountId: string;
  definition: (typeof CHECKLIST_ITEMS)[number];
  evidenceParams: z.infer<typeof ZEvidenceParams>;
}) {
  const itemId = definition.id;
  const [detail, acceptances] = await Promise.all([
    getAccountItem(user, accountId, itemId),
    findRiskAcceptances(user, accountId, itemId),
  ]).catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const { result } = detail;
  const canAccept = canAcceptRisk(user);
  const activeRecordIds = new Set(
    acceptances.filter((acceptance) => acceptance.isActive && acceptance.findingId).map((acceptance) => acceptance.findingId!),
  );
  const acceptable = detail.evidence
    .filter((evidence) => evidence.ref.kind === "control" || evidence.ref.kind === "finding" || evidence.ref.kind === "event")
    .filter((evidence) => !/ PASSED /.test(evidence.ref.note ?? ""))
    .map((evidence) => ({ id: evidence.ref.id, label: evidence.ref.note ? `${evidence.ref.note}` : evidence.ref.id }));
  const now = new Date();
  const isFailing = result.status === "fail" || result.status === "partial";
  const view = {
    group: evidenceParams.group ?? defaultGrouping(detail.evidence),
    page: evidenceParams.page,
    ...(evidenceParams.open !== undefined ? { open: evidenceParams.open } : {}),
    openPage: evidenceParams.rpage,
  };

  return (
    <>
      <div className="crumbs">
        <Link href="/">Overview</Link> / <Link href={`/accounts/${accountId}`}>{detail.accountName}</Link> / {itemId}
      </div>
      <h1>
        {itemId} {definition.title}
      </h1>
      <nav className="section-nav" aria-label="Sections of this item">
        <a href="#result">Result</a>
        <a href="#evidence">Evidence ({detail.evidence.length})</a>
        <a href="#acceptances">Accepted risks{canAccept ? " and accepting one" : ""}</a>
      </nav>

      <div className="grid-2">
        <section className="panel" data-testid="item-result" id="result">
          <h2>Result for {detail.accountName}</h2>
          <dl className="facts">
            <dt>Status</dt>
            <dd>
              <StatusBadge status={result.status} passing={result.passing} total={result.total} />
              {result.accepted ? (
                <>
                  {" "}
                  <span className="badge accepted" data-testid="item-accepted">
                    accepted
                  </span>
                </>
              ) : null}
            </dd>
            <dt>Risk-adjusted</dt>
            <dd>
              <StatusBadge status={result.riskAdjusted.status} passing={result.riskAdjusted.passing} total={result.riskAdjusted.total} />
            </dd>
            {result.total !== undefined ? (
              <>
                <dt>Passing</dt>
                <dd>
                  {result.passing ?? 0} of {result.total}
                </dd>
              </>
            ) : null}
            <dt>Reason</dt>
            <dd data-testid="item-reason">{result.reason}</dd>
            {result.missingSources && result.missingSources.length > 0 ? (
              <>
                <dt>Missing sources</dt>
                <dd className="mono">{result.missingSources.join(", ")}</dd>
              </>
            ) : null}
            {result.accepted ? (
              <>
                <dt>Accepted</dt>
                <dd>
                  by {result.accepted.owner} until {formatTime(result.accepted.expiresAt)}: {result.accepted.reason}
                </dd>
              </>
            ) : null}
            <dt>Evaluated</dt>
            <dd>
              {formatTime(detail.evaluatedAt)} · checklist {detail.checklistVersion}
            </dd>
          </dl>
        </section>
        <section className="panel">
          <h2>Definition</h2>
          <ItemDefinition item={definition} />
        </section>
      </div>

      <section className="panel" id="evidence">
        <h2>Evidence ({detail.evidence.length})</h2>
        <GroupedEvidence accountId={accountId} itemId={itemId} evidence={detail.evidence} acceptedRecordIds={activeRecordIds} view={view} />
      </section>

      <section className="panel" id="acceptances">
        <h2>Accepted risks</h2>
        <p className="small muted">
          An acceptance counts the failure as passing in the risk-adjusted score only, until it expires or is revoked; the raw score never
          changes.
        </p>
        <AcceptancesList accountId={accountId} itemId={itemId} acceptances={acceptances} canRevoke={canAccept} />
        {canAccept ? (
          isFailing || result.status === "pass" ? (
            <div style={{ marginTop: 16 }}>
              <h2>Accept this risk</h2>
              {!isFailing ? (
                <p className="small muted">The item passes now; an acceptance would only matter if it fails before it expires.</p>
              ) : null}
              <AcceptanceForm
                accountId={accountId}
                itemId={itemId}
                defaultOwner={user.email}
                minDate={day(new Date(now.getTime() + 86_400_000))}
                maxDate={day(lastAllowedExpiry(now))}
                defaultDate={day(new Date(now.getTime() + DEFAULT_ACCEPTANCE_DAYS * 86_400_000))}
                records={acceptable}
              />
            </div>
          ) : (
            <p className="small muted" style={{ marginTop: 12 }}>
              {result.status === "no_data"
                ? "An acceptance cannot stand in for missing evidence: collect the source first."
                : "The item does not apply to this account."}
            </p>
          )
        ) : (
          <p className="small muted" style={{ marginTop: 12 }}>
            Only analysts and admins can accept risks.
          </p>
        )}
      </section>
      <ScrollToHash />
    </>
  );
}
