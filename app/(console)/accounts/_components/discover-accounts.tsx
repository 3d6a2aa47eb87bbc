"use client";

import { Fragment, useState, useTransition } from "react";
import { discoverAccountsAction, type DiscoverAccountsResult } from "../actions";
import { OnboardAccountForm } from "./onboard-account-form";

/**
 * Discovery through organizations:ListAccounts from a registered management or delegated
 * administrator account: lists the organisation's accounts that are not registered yet,
 * each with a prefilled onboarding form (the admin adds the ExternalId).
 */
export function DiscoverAccounts({ sources, defaultRegions }: { sources: Array<{ id: string; name: string }>; defaultRegions: string[] }) {
  const [sourceId, setSourceId] = useState(sources[0]?.id ?? "");
  const [result, setResult] = useState<DiscoverAccountsResult | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [added, setAdded] = useState<Set<string>>(new Set());
  const [isPending, startTransition] = useTransition();

  if (sources.length === 0)
    return <p className="muted">Register the management (or delegated administrator) account first, then discover the rest from it.</p>;

  return (
    <div data-testid="discovery">
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          startTransition(async () => {
            setOpenId(null);
            setResult(await discoverAccountsAction(sourceId));
          });
        }}
      >
        <label htmlFor="discover-source">Management or delegated administrator account</label>
        <select id="discover-source" value={sourceId} onChange={(event) => setSourceId(event.target.value)}>
          {sources.map((source) => (
            <option key={source.id} value={source.id}>
              {source.name} ({source.id})
            </option>
          ))}
        </select>
        <button type="submit" disabled={isPending}>
          {isPending ? "Listing accounts..." : "Discover accounts"}
        </button>
      </form>
      {result ? (
        <p role="status" className={result.isOk ? "muted" : "error-text"} data-testid="discovery-result">
          {result.message}
        </p>
      ) : null}
      {result?.proposals && result.proposals.length > 0 ? (
        <table data-testid="discovery-proposals">
          <thead>
            <tr>
              <th>Account</th>
              <th>Email</th>
              <th>Status</th>
              <th>Suggested role</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {result.proposals.map((proposal) => (
              <Fragment key={proposal.id}>
                <tr data-proposal-id={proposal.id}>
                  <td>
                    <div>{proposal.name}</div>
                    <div className="muted">{proposal.id}</div>
                  </td>
                  <td>{proposal.email ?? ""}</td>
                  <td>{proposal.status}</td>
                  <td>
                    <code>{proposal.suggestedRoleArn}</code>
                  </td>
                  <td>
                    {added.has(proposal.id) ? (
                      <span className="badge ok">added</span>
                    ) : (
                      <button type="button" onClick={() => setOpenId(openId === proposal.id ? null : proposal.id)}>
                        {openId === proposal.id ? "Close" : "Add..."}
                      </button>
                    )}
                  </td>
                </tr>
                {openId === proposal.id ? (
                  <tr>
                    <td colSpan={5}>
                      <OnboardAccountForm
                        initial={{ id: proposal.id, name: proposal.name, roleArn: proposal.suggestedRoleArn, regions: proposal.regions }}
                        defaultRegions={defaultRegions}
                        onDone={() => {
                          setAdded((previous) => new Set(previous).add(proposal.id));
                          setOpenId(null);
                        }}
                      />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
