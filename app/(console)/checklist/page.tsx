import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth";
import { CHECKLIST_ITEMS, CHECKLIST_VERSION } from "@/lib/checklist/items";
import { DOMAIN_TITLES, DOMAINS, SEVERITY_WEIGHT } from "@/lib/checklist/types";
import { findChecklistPassRates } from "@/lib/data/checklist/find-checklist-pass-rates";
import { findOrgDomainScores } from "@/lib/data/scores/find-org-domain-scores";
import { findOrgFixFirst } from "@/lib/data/scores/find-org-fix-first";
import { describeApplicability, describeEvidenceRule, ItemDefinition } from "../_components/item-definition";
import { PassRate } from "./_components/pass-rate";
import { UnmeasurableDuties } from "../_components/unmeasurable-duties";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Checklist" };

const score = (value: number | null) => (value === null ? "n/a" : value.toFixed(1));
const percent = (value: number | null) => (value === null ? "n/a" : `${value.toFixed(0)}%`);
const scoreClass = (value: number | null) =>
  value === null ? "score" : value >= 80 ? "score good" : value >= 60 ? "score fair" : "score poor";

export default async function ChecklistPage() {
  const user = await requirePageUser();
  const [passRates, org, fixFirst] = await Promise.all([findChecklistPassRates(user), findOrgDomainScores(user), findOrgFixFirst(user)]);
  const titles = new Map(CHECKLIST_ITEMS.map((item) => [item.id, item.title]));

  return (
    <>
      <h1>Checklist</h1>
      <p className="muted small" style={{ marginTop: -8 }}>
        The customer side of the AWS Shared Responsibility Model, version {CHECKLIST_VERSION}: {CHECKLIST_ITEMS.length} items in{" "}
        {DOMAINS.length} domains. Pass rates and scores cover the {org.accountCount} account{org.accountCount === 1 ? "" : "s"} you can see.
      </p>

      <div className="tiles" data-testid="org-tiles">
        <div className="tile">
          <div className="label">Org score</div>
          <div className={`value ${scoreClass(org.score)}`} data-testid="org-score">
            {score(org.score)}
          </div>
          <div className="sub">pooled over accounts by evidence weight</div>
        </div>
        <div className="tile">
          <div className="label">Risk-adjusted</div>
          <div className="value">{score(org.riskAdjustedScore)}</div>
          <div className="sub">accepted risks count as passing</div>
        </div>
        <div className="tile">
          <div className="label">Coverage</div>
          <div className="value">{percent(org.coverage)}</div>
          <div className="sub">of applicable weight had evidence</div>
        </div>
      </div>

      <div className="grid-2">
        <section className="panel">
          <h2>Org score by domain</h2>
          <table data-testid="org-domains">
            <thead>
              <tr>
                <th>Domain</th>
                <th className="num">Score</th>
                <th className="num">Risk-adjusted</th>
                <th className="num">Coverage</th>
              </tr>
            </thead>
            <tbody>
              {DOMAINS.map((domain) => (
                <tr key={domain}>
                  <td>
                    <a href={`#domain-${domain}`}>{DOMAIN_TITLES[domain]}</a>
                  </td>
                  <td className="num">
                    <span className={scoreClass(org.domains[domain].score)}>{score(org.domains[domain].score)}</span>
                  </td>
                  <td className="num">{score(org.domains[domain].riskAdjustedScore)}</td>
                  <td className="num">{percent(org.domains[domain].coverage)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="panel">
          <h2>Fix first, org-wide</h2>
          <p className="small muted">Items ranked by the points the org risk-adjusted score gains if fixed in every account.</p>
          {fixFirst.length === 0 ? (
            <p className="muted">Nothing failing in the accounts you can see.</p>
          ) : (
            <table data-testid="org-fix-first">
              <thead>
                <tr>
                  <th>Item</th>
                  <th>Worst accounts</th>
                  <th className="num">Adds</th>
                </tr>
              </thead>
              <tbody>
                {fixFirst.map((entry) => (
                  <tr key={entry.itemId} data-item-id={entry.itemId}>
                    <td>
                      <a href={`#item-${entry.itemId}`}>{entry.itemId}</a> {titles.get(entry.itemId)}
                      <div className="small muted">
                        <span className={`sev-${entry.severity}`}>{entry.severity}</span> · fails in {entry.accountCount} account
                        {entry.accountCount === 1 ? "" : "s"}
                      </div>
                    </td>
                    <td className="small">
                      {entry.topAccounts.map((account, index) => (
                        <span key={account.accountId}>
                          {index > 0 ? ", " : ""}
                          <Link href={`/accounts/${account.accountId}/items/${encodeURIComponent(entry.itemId)}`}>{account.name}</Link>
                          <span className="muted"> +{account.uplift.toFixed(1)}</span>
                        </span>
                      ))}
                    </td>
                    <td className="num">+{entry.uplift.toFixed(1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>

      <section className="panel" data-testid="checklist-items">
        <h2>Items</h2>
        {DOMAINS.map((domain) => {
          const items = CHECKLIST_ITEMS.filter((item) => item.domain === domain);
          return (
            <div key={domain} id={`domain-${domain}`}>
              <div className="domain-title">
                <h3>{DOMAIN_TITLES[domain]}</h3>
                <span className="small muted">
                  {items.length} items · weight {items.reduce((sum, item) => sum + SEVERITY_WEIGHT[item.severity], 0)}
                </span>
              </div>
              <table>
                <thead>
                  <tr>
                    <th style={{ width: "36%" }}>Item</th>
                    <th>Severity</th>
                    <th>Decided by</th>
                    <th>Controls</th>
                    <th>Pass rate</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((item) => (
                    <tr key={item.id} id={`item-${item.id}`} data-item-id={item.id}>
                      <td>
                        <details>
                          <summary>
                            <strong>{item.id}</strong> {item.title}
                          </summary>
                          <div style={{ marginTop: 8 }}>
                            <ItemDefinition item={item} />
                          </div>
                        </details>
                      </td>
                      <td className="small">
                        <span className={`sev-${item.severity}`}>{item.severity}</span> ({SEVERITY_WEIGHT[item.severity]})
                      </td>
                      <td className="small">
                        {describeEvidenceRule(item.evidence)}
                        <div className="muted">applies {describeApplicability(item)}</div>
                      </td>
                      <td className="small mono">
                        {item.controlIds.join(", ") || "—"}
                        {item.cisIds.length > 0 ? <div className="muted">CIS {item.cisIds.join(", ")}</div> : null}
                      </td>
                      <td>
                        <PassRate rate={passRates.get(item.id)} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        })}
      </section>
      <UnmeasurableDuties />
    </>
  );
}
