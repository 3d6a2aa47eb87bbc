import Link from "next/link";
import type { TEventFilters } from "@/lib/data/checklist/event-filters";
import type { AccountSecurityEvent } from "@/lib/data/checklist/find-account-security-events";
import { AutoSubmitForm } from "../../../_components/auto-submit-form";
import { EventNameOptions } from "./event-name-options";
import { SecurityEventsTable } from "./security-events-table";

/** The timeline's URL query (other page parameters are kept by the caller through `base`). */
export function eventsQuery(filters: TEventFilters, overrides: Partial<TEventFilters> = {}): string {
  const merged = { ...filters, ...overrides };
  const query = new URLSearchParams();
  if (merged.ev_name) query.set("ev_name", merged.ev_name);
  if (merged.ev_region) query.set("ev_region", merged.ev_region);
  if (merged.ev_failed) query.set("ev_failed", "1");
  if (merged.ev_q) query.set("ev_q", merged.ev_q);
  if (merged.ev_after) query.set("ev_after", merged.ev_after);
  return query.toString();
}

export function SecurityEvents({
  accountId,
  events,
  nextCursor,
  filters,
  regions,
}: {
  accountId: string;
  events: AccountSecurityEvent[];
  nextCursor: string | null;
  filters: TEventFilters;
  regions: string[];
}) {
  const base = `/accounts/${accountId}`;
  const current = eventsQuery({ ...filters, ev_after: undefined });
  return (
    <>
      <AutoSubmitForm
        key={eventsQuery(filters)}
        action={base}
        className="filters"
        aria-label="Filter CloudTrail events"
        data-testid="events-filters"
      >
        <div>
          <label htmlFor="ev-name">Event</label>
          <select id="ev-name" name="ev_name" defaultValue={filters.ev_name ?? ""}>
            <EventNameOptions />
          </select>
        </div>
        <div>
          <label htmlFor="ev-region">Region</label>
          <select id="ev-region" name="ev_region" defaultValue={filters.ev_region ?? ""}>
            <option value="">Any</option>
            {regions.map((region) => (
              <option key={region} value={region}>
                {region}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="ev-q">Search (event, caller, IP)</label>
          <input id="ev-q" name="ev_q" type="search" defaultValue={filters.ev_q ?? ""} />
        </div>
        <div className="checks">
          <label>
            <input type="checkbox" id="ev-failed" name="ev_failed" value="1" defaultChecked={filters.ev_failed} /> Refused calls only
          </label>
        </div>
        <div className="buttons">
          <button type="submit">Search</button>
          <Link href={`${base}#events`} className="button">
            Reset
          </Link>
        </div>
      </AutoSubmitForm>
      {events.length === 0 ? (
        <p className="muted" data-testid="events-empty">
          No security-relevant CloudTrail events{current ? " match these filters" : " collected for this account"}.
        </p>
      ) : (
        <SecurityEventsTable accountId={accountId} events={events} />
      )}
      <div className="pager" style={{ marginTop: 8 }}>
        {filters.ev_after ? (
          <Link href={`${base}${current ? `?${current}` : ""}#events`} className="button" data-testid="events-newest">
            Newest
          </Link>
        ) : null}
        {nextCursor ? (
          <Link
            href={`${base}?${eventsQuery(filters, { ev_after: nextCursor })}#events`}
            className="button"
            rel="next"
            data-testid="events-older"
          >
            Older events
          </Link>
        ) : null}
      </div>
    </>
  );
}
