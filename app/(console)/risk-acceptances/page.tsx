import type { Metadata } from "next";
import "../accounts/_components/console-controls.css";
import Link from "next/link";
import { z } from "zod";
import { zPageNumberParam } from "@/lib/schemas/page-number-param";
import { requirePageUser } from "@/lib/auth";
import { CHECKLIST_ITEMS } from "@/lib/checklist/items";
import { findOrgRiskAcceptances } from "@/lib/data/acceptances/find-org-risk-acceptances";
import { isAppError } from "@/lib/errors";
import { parseQueryParams } from "@/lib/schemas/query-params";
import { formatTime } from "../_components/format";
import { InvalidQuery } from "../_components/invalid-query";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Risk acceptances" };

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
/** Refused with a message, not defaulted: `state=expired` silently showing the active ones would answer a question nobody asked. */
const ZParams = z.object({
  state: z.preprocess(blankToUndefined, z.enum(["active", "ended"], { error: "must be active or ended" }).default("active")),
  page: zPageNumberParam(),
});

const SOON_DAYS = 14;

function daysLeft(expiresAt: Date, now: Date): number {
  return Math.ceil((new Date(expiresAt).getTime() - now.getTime()) / 86_400_000);
}

export default async function RiskAcceptancesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageUser();
  let params: z.infer<typeof ZParams>;
  try {
    params = parseQueryParams(ZParams, await searchParams);
  } catch (error) {
    if (isAppError(error))
      return (
        <InvalidQuery
          title="Risk acceptances"
          message={error.message}
          resetHref="/risk-acceptances"
          resetLabel="Open risk acceptances without them"
        />
      );
    throw error;
  }
  const { rows, hasMore, total } = await findOrgRiskAcceptances(user, params);
  const now = new Date();
  const href = (overrides: Partial<typeof params>) => {
    const next = { ...params, ...overrides };
    const query = new URLSearchParams();
    if (next.state !== "active") query.set("state", next.state);
    if (next.page > 0) query.set("page", String(next.page));
    return `/risk-acceptances${query.size ? `?${query}` : ""}`;
  };
  return (
    <div className="cp">
      <h1>Risk acceptances</h1>
      <p className="muted">
        Accepted risks count as passing in the risk-adjusted score until they expire or are revoked; the raw score always counts them as
        failing.
      </p>
      <nav aria-label="Acceptance state" className="toolbar">
        <div className="pager">
          <Link
            href={href({ state: "active", page: 0 })}
            className="button secondary"
            aria-current={params.state === "active" ? "page" : undefined}
          >
            In force, expiring soonest first
          </Link>
          <Link
            href={href({ state: "ended", page: 0 })}
            className="button secondary"
            aria-current={params.state === "ended" ? "page" : undefined}
          >
            Expired or revoked
          </Link>
        </div>
        <div>
          <strong data-testid="acceptances-count">{total}</strong>{" "}
          <span className="muted">{params.state === "active" ? "in force" : "ended"}</span>
        </div>
      </nav>
      <section className="panel">
        {rows.length === 0 ? (
          <p className="muted" data-testid="acceptances-empty">
            {params.state === "active" ? "No risk is accepted in the accounts you can see." : "No acceptance has ended yet."}
          </p>
        ) : (
          <div className="table-scroll">
            <table data-testid="acceptances-table">
              <thead>
                <tr>
                  <th scope="col">Expires (UTC)</th>
                  <th scope="col">Account</th>
                  <th scope="col">Item</th>
                  <th scope="col">What</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Accepted by</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  const left = daysLeft(row.expiresAt, now);
                  return (
                    <tr key={row.id} data-acceptance-id={row.id}>
                      <td className="nowrap small">
                        {formatTime(row.expiresAt)}
                        <div>
                          {row.revokedAt ? (
                            <span className="badge">revoked {formatTime(row.revokedAt)}</span>
                          ) : !row.isActive ? (
                            <span className="badge">expired</span>
                          ) : left <= SOON_DAYS ? (
                            <span className="badge warn" data-testid="expires-soon">
                              in {left} day{left === 1 ? "" : "s"}
                            </span>
                          ) : (
                            <span className="muted">in {left} days</span>
                          )}
                        </div>
                      </td>
                      <td>
                        <Link href={`/accounts/${row.accountId}`}>{row.accountName}</Link>
                        <div className="muted small">{row.accountId}</div>
                      </td>
                      <td>
                        <Link href={`/accounts/${row.accountId}/items/${row.itemId}`}>{row.itemId}</Link>
                        <div className="small muted">{CHECKLIST_ITEMS.find((item) => item.id === row.itemId)?.title}</div>
                      </td>
                      <td className="small">{row.findingId ? <span className="mono">only {row.findingId}</span> : "the whole item"}</td>
                      <td className="small" style={{ maxWidth: 360 }}>
                        {row.reason}
                      </td>
                      <td className="small">{row.owner}</td>
                      <td className="small">
                        {row.createdBy}
                        <div className="muted">{formatTime(row.createdAt)}</div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <div className="pager" style={{ marginTop: 10 }}>
          {params.page > 0 ? (
            <Link href={href({ page: params.page - 1 })} className="button" rel="prev">
              Previous
            </Link>
          ) : null}
          {hasMore ? (
            <Link href={href({ page: params.page + 1 })} className="button" rel="next">
              Next
            </Link>
          ) : null}
        </div>
      </section>
    </div>
  );
}
