"use client";

import { Fragment, useState, useTransition } from "react";
import { discoverAccountsAction, type DiscoverAccountsResult } from "../actions";
import { OnboardAccountForm } from "./onboard-account-form";

/**
 * Discovery through organizations:ListAccounts from a registered management or delegated
 * administrator account: lists the organisation's accounts that are not registered yet,
 * each with a prefilled onboarding form (the admin adds the ExternalId). The source is an
 * account id field with a few suggestions (see findDiscoveryCandidates), not a select of every
 * registered account: at 500 accounts that select was most of the page.
 */
export function DiscoverAccounts({
  candidates,
  defaultRegions,
}: {
  candidates: Array<{ id: string; name: string }>;
  defaultRegions: string[];
}) {
  const [sourceId, setSourceId] = useState(candidates[0]?.id ?? "");
  const [result, setResult] = useState<DiscoverAccountsResult | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [added, setAdded] = useState<Set<string>>(new Set());
  const [isPending, startTransition] = useTransition();

  return (
    <div data-testid="discovery">
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          startTransition(async () => {
            setOpenId(null);
            setResult(await discoverAccountsAction(sourceId.trim()));
          });
        }}
      >
        <label htmlFor="discover-source">Management or delegated administrator account</label>
        <input
          id="discover-source"
          value={sourceId}
          onChange={(event) => setSourceId(event.target.value)}
          inputMode="numeric"
          pattern="\s*\d{12}\s*"
          required
          placeholder="12-digit account id"
          list="discover-candidates"
          aria-describedby="discover-hint"
          autoComplete="off"
        />
        <datalist id="discover-candidates">
          {candidates.map((candidate) => (
            <option key={candidate.id} value={candidate.id} label={candidate.name} />
          ))}
        </datalist>
        <button type="submit" disabled={isPending}>
          {isPending ? "Listing accounts..." : "Discover accounts"}
        </button>
      </form>
      <p id="discover-hint" className="small muted">
        {candidates.length > 0
          ? `The id of a registered account whose role may call ListAccounts. Likely: ${candidates.map((candidate) => `${candidate.name} (${candidate.id})`).join(", ")}.`
          : "The id of a registered account whose role may call ListAccounts (register the management or delegated administrator account first)."}
      </p>
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
