import Link from "next/link";
import { SOURCE_DEFINITIONS } from "@/lib/aws/sources";
import { FINDING_SOURCES, FINDING_STATUSES, SEVERITY_LABELS, type TFindingFilters } from "@/lib/data/findings/finding-filters";
import { AutoSubmitForm } from "../../_components/auto-submit-form";
import { findingsQuery } from "../_lib/findings-href";
import { AccountPicker } from "./account-picker";

function CheckGroup({
  legend,
  name,
  options,
  selected,
}: {
  legend: string;
  name: string;
  options: Array<{ value: string; label: string }>;
  selected: string[];
}) {
  return (
    <fieldset className="checks" data-testid={`filter-${name}`}>
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.value}>
          <input
            type="checkbox"
            id={`f-${name}-${option.value}`}
            name={name}
            value={option.value}
            defaultChecked={selected.includes(option.value)}
          />{" "}
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}

const title = (label: string) => label.charAt(0) + label.slice(1).toLowerCase();

/**
 * The filters live in the URL, so a filtered view can be bookmarked and shared; every
 * checkbox and select applies as soon as it changes, an account as it is added or removed,
 * text fields on Enter.
 */
export function FindingsFilters({
  filters,
  chosenAccounts,
  accountSearch,
  regions,
}: {
  filters: TFindingFilters;
  /** The accounts of the filter (name null when the id is not an account the user may see). */
  chosenAccounts: Array<{ id: string; name: string | null }>;
  /** The accounts matching `account_q` (the picker's text posted without JavaScript), or null. */
  accountSearch: { q: string; matches: Array<{ id: string; name: string; owner: string | null }> } | null;
  regions: string[];
}) {
  const withoutAccount = (id: string) => {
    const query = findingsQuery({ ...filters, account: filters.account.filter((other) => other !== id) });
    return `/findings${query ? `?${query}` : ""}`;
  };
  return (
    <AutoSubmitForm
      key={`${findingsQuery(filters)}&${accountSearch?.q ?? ""}`}
      action="/findings"
      className="filters findings-filters"
      aria-label="Filter findings"
      data-testid="findings-filters"
    >
      <CheckGroup
        legend="Severity"
        name="severity"
        options={SEVERITY_LABELS.map((label) => ({ value: label, label: title(label) }))}
        selected={filters.severity}
      />
      <CheckGroup
        legend="Source"
        name="source"
        options={FINDING_SOURCES.map((source) => ({ value: source, label: SOURCE_DEFINITIONS[source].label }))}
        selected={filters.source}
      />
      <CheckGroup
        legend="Region"
        name="region"
        options={regions.map((region) => ({ value: region, label: region }))}
        selected={filters.region}
      />
      <AccountPicker
        chosen={chosenAccounts.map((account) => ({ ...account, removeHref: withoutAccount(account.id) }))}
        search={
          accountSearch
            ? { q: accountSearch.q, matches: accountSearch.matches.filter((account) => !filters.account.includes(account.id)) }
            : null
        }
      />
      <div>
        <label htmlFor="f-status">Status</label>
        {/* The default status submits nothing, as the page's own links leave it out (findingsQuery). */}
        <select id="f-status" name="status" defaultValue={filters.status === "active" ? "" : filters.status}>
          {FINDING_STATUSES.map((status) => (
            <option key={status} value={status === "active" ? "" : status}>
              {status}
            </option>
          ))}
        </select>
        <label htmlFor="f-control" style={{ marginTop: 8 }}>
          Control id
        </label>
        <input id="f-control" name="control" defaultValue={filters.control ?? ""} placeholder="IAM.6" />
      </div>
      <div>
        <label htmlFor="f-type">Type contains</label>
        <input id="f-type" name="type" defaultValue={filters.type ?? ""} placeholder="UnauthorizedAccess" />
        <label htmlFor="f-q" style={{ marginTop: 8 }}>
          Title contains
        </label>
        <input id="f-q" name="q" type="search" defaultValue={filters.q ?? ""} placeholder="public bucket" />
      </div>
      <fieldset className="checks">
        <legend>Also show</legend>
        <label>
          <input type="checkbox" id="f-copies" name="copies" value="1" defaultChecked={filters.copies} /> Security Hub copies of GuardDuty
          findings
        </label>
        <label>
          <input type="checkbox" id="f-passed" name="passed" value="1" defaultChecked={filters.passed} /> Passed control results
        </label>
      </fieldset>
      {filters.sort !== "severity" ? <input type="hidden" name="sort" value={filters.sort} /> : null}
      {filters.dir !== "desc" ? <input type="hidden" name="dir" value={filters.dir} /> : null}
      <div className="buttons">
        <button type="submit" className="primary">
          Apply text filters
        </button>
        <Link href="/findings" className="button" data-testid="findings-reset">
          Reset
        </Link>
      </div>
    </AutoSubmitForm>
  );
}
