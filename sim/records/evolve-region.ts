import type { TimeWindow } from "../clock";
import { createRng } from "../prng";
import { CONTROLS_BY_ID } from "./control-catalogue";
import { backgroundEventSpec, buildEvent } from "./cloudtrail-events";
import { FLAWS_BY_KEY } from "./flaw-catalogue";
import { flawsInRegion, POSTURE_ACTIVITY, type RegionContext } from "./generate-region";
import { BACKGROUND_TYPES, buildGuardDutyFinding } from "./guardduty-findings";
import type { RegionData } from "./region-data";
import { buildGuardDutyCopy, reevaluateControlFinding } from "./securityhub-findings";

const HOUR = 3_600_000;

/** Evolution counters, so tests and benchmarks can see what a time step did. */
export interface EvolutionSummary {
  newGuardDuty: number;
  updatedGuardDuty: number;
  archivedGuardDuty: number;
  resolvedControls: number;
  reevaluatedControls: number;
  newEvents: number;
}

/**
 * Applies one advanceTime() window to an account-region. Everything changed gets an
 * UpdatedAt inside the window, so a collector that asks for "UpdatedAt >= my last cursor"
 * sees exactly the changes. Seeded by the window index, so replaying is deterministic.
 */
export function evolveRegion(data: RegionData, ctx: RegionContext, window: TimeWindow): EvolutionSummary {
  const summary: EvolutionSummary = {
    newGuardDuty: 0,
    updatedGuardDuty: 0,
    archivedGuardDuty: 0,
    resolvedControls: 0,
    reevaluatedControls: 0,
    newEvents: 0,
  };
  const span = window.toMs - window.fromMs;
  if (span <= 0 || ctx.account.origin === "loaded") return summary;
  const { seed, account, region } = ctx;
  const rng = createRng(`${seed}:evolve:${account.id}:${region}:${window.index}`);
  const hours = span / HOUR;
  const atLeastOne = hours >= 1 ? 1 : 0;
  const timeInWindow = () => window.fromMs + 1 + Math.floor(rng.next() * Math.max(1, span - 1));
  const activity = POSTURE_ACTIVITY[account.posture];

  const touchedGuardDuty = new Set<string>();
  if (data.detector) {
    const detector = data.detector;
    const flawTypes = flawsInRegion(account, region).flatMap((f) => FLAWS_BY_KEY.get(f)?.guardDutyTypes ?? []);
    const pool = [...flawTypes, ...BACKGROUND_TYPES];
    const newCount = Math.min(200, Math.max(atLeastOne, Math.round(hours * activity * 0.5)));
    for (let i = 0; i < newCount; i += 1) {
      const updatedMs = timeInWindow();
      const finding = buildGuardDutyFinding({
        seed,
        accountId: account.id,
        region,
        detectorId: detector.id,
        inventory: data.inventory,
        type: rng.pick(pool),
        ordinal: `w${window.index}-${i}`,
        createdMs: updatedMs,
        updatedMs,
        count: 1,
        archived: false,
        rng,
      });
      data.guardDutyFindings.set(finding.id, finding);
      touchedGuardDuty.add(finding.id);
      summary.newGuardDuty += 1;
    }
    const active = [...data.guardDutyFindings.values()].filter((f) => !f.service.archived && !touchedGuardDuty.has(f.id));
    const shuffled = rng.shuffle(active);
    const share = Math.min(1, hours / 24);
    const updateCount = Math.min(shuffled.length, Math.max(atLeastOne, Math.round(shuffled.length * 0.1 * share)));
    const archiveCount = Math.min(shuffled.length - updateCount, Math.max(atLeastOne, Math.round(shuffled.length * 0.05 * share)));
    shuffled.slice(0, updateCount).forEach((finding) => {
      const t = new Date(timeInWindow()).toISOString();
      finding.service.count += rng.int(1, 5);
      finding.service.eventLastSeen = t;
      finding.updatedAt = t;
      touchedGuardDuty.add(finding.id);
      summary.updatedGuardDuty += 1;
    });
    shuffled.slice(updateCount, updateCount + archiveCount).forEach((finding) => {
      finding.service.archived = true;
      finding.updatedAt = new Date(timeInWindow()).toISOString();
      touchedGuardDuty.add(finding.id);
      summary.archivedGuardDuty += 1;
    });
  }

  if (data.hub) {
    for (const id of touchedGuardDuty) {
      const finding = data.guardDutyFindings.get(id);
      if (!finding) continue;
      const copy = buildGuardDutyCopy(finding);
      data.securityHubFindings.set(copy.Id, copy);
    }
    const controlFindings = [...data.securityHubFindings.values()].filter(
      (f) => typeof f.GeneratorId === "string" && f.GeneratorId.startsWith("security-control/"),
    );
    const failed = controlFindings.filter((f) => (f.Compliance as { Status?: string } | undefined)?.Status === "FAILED");
    const share = Math.min(1, hours / 24);
    const resolveCount = Math.min(failed.length, Math.max(atLeastOne, Math.round(failed.length * 0.05 * share)));
    const resolved = new Set<string>();
    rng
      .shuffle(failed)
      .slice(0, resolveCount)
      .forEach((finding) => {
        const controlId = finding.GeneratorId.slice("security-control/".length);
        reevaluateControlFinding(finding, "PASSED", CONTROLS_BY_ID.get(controlId)?.severity ?? "MEDIUM", timeInWindow());
        resolved.add(finding.Id);
        summary.resolvedControls += 1;
      });
    const others = controlFindings.filter((f) => !resolved.has(f.Id));
    const reevaluateCount = Math.min(others.length, Math.round(others.length * 0.1 * share));
    rng
      .shuffle(others)
      .slice(0, reevaluateCount)
      .forEach((finding) => {
        const t = new Date(timeInWindow()).toISOString();
        finding.UpdatedAt = t;
        finding.LastObservedAt = t;
        summary.reevaluatedControls += 1;
      });
  }

  const eventCount = Math.min(500, Math.max(atLeastOne, Math.round(hours * 2)));
  const mfaForUsers = !account.flaws.includes("console-users-no-mfa");
  for (let i = 0; i < eventCount; i += 1) {
    const spec = backgroundEventSpec(rng, data.inventory, data.isHomeRegion, { mfaForUsers });
    data.events.push(buildEvent({ seed, accountId: account.id, region, spec, timeMs: timeInWindow(), key: `w${window.index}:${i}`, rng }));
    summary.newEvents += 1;
  }
  return summary;
}
