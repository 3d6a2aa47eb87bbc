import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { requirePageUser, type SessionUser } from "@/lib/auth";
import { isAccountId } from "@/lib/aws/account-id";
import { findItemsCitingRecords } from "@/lib/data/checklist/find-items-citing-record";
import { parseFindingFilters } from "@/lib/data/findings/finding-filters";
import { awsConsoleUrl } from "../../../../../findings/_lib/aws-console-url";
import { findingsQuery } from "../../../../../findings/_lib/findings-href";
import {
  EVIDENCE_RECORD_KINDS,
  type EvidenceRecordKind,
  getEvidenceRecord,
  type RawEvidenceRecord,
} from "@/lib/data/checklist/get-evidence-record";
import { isAppError } from "@/lib/errors";
import { hasControlCharacter } from "@/lib/schemas/has-control-character";
import { RecordSkeleton } from "./_components/record-skeleton";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ accountId: string; kind: string }> }): Promise<Metadata> {
  const { accountId, kind } = await params;
  return { title: `${kind === "finding" ? "Finding" : "Record"} in account ${accountId}` };
}

const KIND_TITLES: Record<EvidenceRecordKind, string> = { finding: "Finding", event: "CloudTrail event", trail: "Trail" };

/** Next.js hands dynamic segments over still percent-encoded in some cases; decode once, tolerating ids with a literal %. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The explorer's query a record page was opened from; one that no longer parses (hand-edited) links back to the plain list. */
function findingsBackQuery(from: string): string {
  try {
    return findingsQuery(parseFindingFilters(new URLSearchParams(from)));
  } catch (error) {
    if (isAppError(error)) return "";
    throw error;
  }
}

/**
 * One stored record (finding, CloudTrail event, trail) as normalised and as AWS returned it.
 * The record's own look-up is the scope check and runs before anything is sent: an unknown
 * record, one of an account outside the user's scope, or another account's record named under
 * this one is a real 404 (a route-level loading.tsx would send 200 first). The items citing it
 * and the page then stream in behind a skeleton.
 */
export default async function RawRecordPage({
  params,
  searchParams,
}: {
  params: Promise<{ accountId: string; kind: string; recordId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { accountId, kind, recordId } = await params;
  const { from } = await searchParams;
  if (!isAccountId(accountId) || !EVIDENCE_RECORD_KINDS.includes(kind as EvidenceRecordKind)) notFound();
  const id = decodeSegment(recordId);
  // No stored record id holds a NUL or another control character (PostgreSQL refuses NUL in text: it was a 500).
  if (id.length > 2048 || hasControlCharacter(id)) notFound();
  const user = await requirePageUser();
  const record = await getEvidenceRecord(user, accountId, kind as EvidenceRecordKind, id).catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return (
    <Suspense fallback={<RecordSkeleton />}>
      <RecordPageBody user={user} accountId={accountId} id={id} record={record} from={typeof from === "string" ? from : null} />
    </Suspense>
  );
}

async function RecordPageBody({
  user,
  accountId,
  id,
  record,
  from,
}: {
  user: SessionUser;
  accountId: string;
  id: string;
  record: RawEvidenceRecord;
  from: string | null;
}) {
  const citing = await findItemsCitingRecords(user, [{ accountId, recordId: id }]);
  const field = (label: string) => record.fields.find((candidate) => candidate.label === label)?.value ?? null;
  const source = field("Source");
  const region = field("Region");
  const consoleUrl = record.kind === "finding" && source && region ? awsConsoleUrl({ source, sourceId: id, region }) : null;
  // The explorer passes its query along (`from`); it is re-parsed, so only valid filters come back into the link.
  const backQuery = from !== null ? findingsBackQuery(from) : null;

  return (
    <>
      <div className="crumbs">
        {backQuery !== null ? (
          <>
            <Link href={`/findings${backQuery ? `?${backQuery}` : ""}`} data-testid="back-to-findings">
              Findings (your filters)
            </Link>{" "}
            /{" "}
          </>
        ) : (
          <>
            <Link href="/">Overview</Link> /{" "}
          </>
        )}
        <Link href={`/accounts/${accountId}`}>{record.accountName}</Link> / {KIND_TITLES[record.kind]}
      </div>
      <h1>{record.title}</h1>
      <section className="panel">
        <h2>Where this record counts</h2>
        {citing.length === 0 ? (
          <p className="muted" data-testid="citing-items">
            No checklist item&apos;s latest evaluation of this account cites this record.
          </p>
        ) : (
          <ul className="plain" data-testid="citing-items">
            {citing.map((item) => (
              <li key={item.itemId}>
                <Link href={`/accounts/${accountId}/items/${item.itemId}`}>
                  {item.itemId} {item.title}
                </Link>{" "}
                <span className={`badge status-${item.status}`}>{item.status.replace("_", " ")}</span>
              </li>
            ))}
          </ul>
        )}
        {consoleUrl ? (
          <p style={{ marginBottom: 0 }}>
            <a href={consoleUrl} target="_blank" rel="noopener noreferrer" data-testid="aws-console-link">
              Open in the AWS {source === "guardduty" ? "GuardDuty" : "Security Hub"} console ({region})
            </a>{" "}
            <span className="small muted">
              sign in to account {accountId} first: the console opens in the account you are signed in to.
            </span>
          </p>
        ) : null}
      </section>
      <section className="panel">
        <h2>Normalised fields</h2>
        <dl className="facts" data-testid="record-fields">
          {record.fields.map((field) => (
            <div key={field.label} style={{ display: "contents" }}>
              <dt>{field.label}</dt>
              <dd className={field.label.endsWith("id") || field.label.endsWith("ARN") ? "mono" : undefined}>
                {field.value ?? <span className="muted">—</span>}
              </dd>
            </div>
          ))}
        </dl>
      </section>
      <section className="panel">
        <h2>Raw record, as AWS returned it</h2>
        <pre className="raw-json" data-testid="raw-json" tabIndex={0} aria-label="Raw record JSON">
          {JSON.stringify(record.raw, null, 2)}
        </pre>
      </section>
    </>
  );
}
