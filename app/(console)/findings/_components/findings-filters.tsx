import Link from "next/link";
import { SOURCE_DEFINITIONS } from "@/lib/aws/sources";
import { FINDING_SOURCES, FINDING_STATUSES, SEVERITY_LABELS, type TFindingFilters } from "@/lib/data/findings/finding-filters";

/** A plain GET form: the filters live in the URL, so a filtered view can be bookmarked and shared. */
export function FindingsFilters({ filters, accounts, regions }: { filters: TFindingFilters; accounts: Array<{ id: string; name: string }>; regions: string[] }) {
  return (
    <form method="get" action="/findings" className="filters" aria-label="Filter findings" data-testid="findings-filters">
      <div>
        <label htmlFor="f-account">Account</label>
        <select id="f-account" name="account" defaultValue={filters.account ?? ""}>
          <option value="">All accounts</option>
          {accounts.map((account) => (
            <option key={account.id} value={account.id}>
              {account.name} ({account.id})
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-severity">Severity</label>
        <select id="f-severity" name="severity" defaultValue={filters.severity ?? ""}>
          <option value="">Any</option>
          {SEVERITY_LABELS.map((label) => (
            <option key={label} value={label}>
              {label.charAt(0) + label.slice(1).toLowerCase()}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-status">Status</label>
        <select id="f-status" name="status" defaultValue={filters.status}>
          {FINDING_STATUSES.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-source">Source</label>
        <select id="f-source" name="source" defaultValue={filters.source ?? ""}>
          <option value="">Any</option>
          {FINDING_SOURCES.map((source) => (
            <option key={source} value={source}>
              {SOURCE_DEFINITIONS[source].label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-region">Region</label>
        <select id="f-region" name="region" defaultValue={filters.region ?? ""}>
          <option value="">Any</option>
          {regions.map((region) => (
            <option key={region} value={region}>
              {region}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-control">Control id</label>
        <input id="f-control" name="control" defaultValue={filters.control ?? ""} placeholder="IAM.6" />
      </div>
      <div>
        <label htmlFor="f-type">Type contains</label>
        <input id="f-type" name="type" defaultValue={filters.type ?? ""} placeholder="UnauthorizedAccess" />
      </div>
      <div>
        <label htmlFor="f-q">Title contains</label>
        <input id="f-q" name="q" type="search" defaultValue={filters.q ?? ""} placeholder="public bucket" />
      </div>
      <div>
        <label htmlFor="f-sort">Sort</label>
        <select id="f-sort" name="sort" defaultValue={filters.sort}>
          <option value="severity">Severity (highest first)</option>
          <option value="last_seen">Last seen (newest first)</option>
        </select>
      </div>
      <div className="checks">
        <label>
          <input type="checkbox" name="copies" value="1" defaultChecked={filters.copies} /> Security Hub copies of GuardDuty findings
        </label>
        <label>
          <input type="checkbox" name="passed" value="1" defaultChecked={filters.passed} /> Passed control results
        </label>
      </div>
      <div className="buttons">
        <button type="submit" className="primary">
          Apply
        </button>
        <Link href="/findings" className="button">
          Reset
        </Link>
      </div>
    </form>
  );
}
