import "../accounts/_components/console-controls.css";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth";
import { type AUDIT_FILTER_KEYS, parseAuditFilters, type TAuditFilters } from "@/lib/data/audit/audit-filters";
import { findAuditEntries } from "@/lib/data/audit/find-audit-entries";
import { AuditTable } from "./_components/audit-table";

export const dynamic = "force-dynamic";

function query(filters: Partial<Record<(typeof AUDIT_FILTER_KEYS)[number], string | undefined>>): string {
  const entries = Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1]));
  const text = new URLSearchParams(entries).toString();
  return text ? `?${text}` : "";
}

/** Who did what, when, from where, to which target (admins). Filters live in the URL. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser();
  // Not "forbidden": to anyone but an admin the page does not exist.
  if (user.role !== "admin") notFound();
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(await searchParams)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) params.set(key, first);
  }
  const { filters, errors } = parseAuditFilters(params);
  const page = errors.length > 0 ? { rows: [], nextBefore: null } : await findAuditEntries(user, filters, { limit: 100 });
  const { before: _before, ...current }: TAuditFilters = filters;
  return (
    <div className="cp">
      <h1>Audit log</h1>
      <p className="muted">
        Every sign-in, user, role, scope and mapping change, account change, risk acceptance, collection started by hand and export. The
        database refuses to change or delete entries.
      </p>
      <section className="panel">
        <form method="get" action="/audit" className="inline-form" aria-label="Filter audit log">
          <div>
            <label htmlFor="a-actor">Who (e-mail)</label>
            <input id="a-actor" name="actor" type="text" defaultValue={filters.actor ?? ""} />
          </div>
          <div>
            <label htmlFor="a-action">What (action, or a prefix like auth.)</label>
            <input id="a-action" name="action" type="text" defaultValue={filters.action ?? ""} />
          </div>
          <div>
            <label htmlFor="a-target">Target</label>
            <input id="a-target" name="target" type="text" defaultValue={filters.target ?? ""} />
          </div>
          <div>
            <label htmlFor="a-ip">From (IP)</label>
            <input id="a-ip" name="ip" type="text" defaultValue={filters.ip ?? ""} />
          </div>
          <div>
            <label htmlFor="a-from">Since (UTC day)</label>
            <input id="a-from" name="from" type="date" defaultValue={filters.from ?? ""} />
          </div>
          <div>
            <label htmlFor="a-to">Until (UTC day)</label>
            <input id="a-to" name="to" type="date" defaultValue={filters.to ?? ""} />
          </div>
          <div className="buttons">
            <button type="submit">Filter</button>
            <Link href="/audit" className="button">
              Clear
            </Link>
            <a href={`/api/audit/export${query(current)}`} className="button" download>
              Export CSV
            </a>
          </div>
        </form>
        {errors.length > 0 ? (
          <p className="alert" role="alert">
            {errors.join("; ")}
          </p>
        ) : (
          <AuditTable rows={page.rows} />
        )}
        {page.nextBefore ? (
          <p>
            <Link href={`/audit${query({ ...current, before: page.nextBefore })}`}>Older entries</Link>
          </p>
        ) : null}
      </section>
    </div>
  );
}
