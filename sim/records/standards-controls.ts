import { createRng } from "../prng";
import type { SimAccount } from "../types";
import { CONTROLS, LISTED_ONLY_CONTROLS } from "./control-catalogue";
import type { HubState } from "./region-data";

export interface StandardsControlState {
  StandardsControlArn: string;
  ControlStatus: "ENABLED" | "DISABLED";
  DisabledReason?: string;
  ControlStatusUpdatedAt: string;
  ControlId: string;
  Title: string;
  SeverityRating: string;
}

/**
 * The controls of one enabled standard as DescribeStandardsControls returns them, with
 * enablement varied by posture (deterministic per seed, account, region and standard):
 * exemplary and good accounts keep every control on since they subscribed; average accounts
 * switched two controls off and turned one on when the simulation started (so it is "not
 * evaluated yet" for its first day); weak and neglected accounts switched four off. Only
 * controls the simulator never reports on are varied, so a disabled control never has a
 * finding. ControlId is the consolidated id in every standard (the simulator's findings are
 * consolidated too).
 */
export function listStandardsControls(
  seed: string,
  account: SimAccount,
  region: string,
  hub: HubState,
  standardsArn: string,
  startMs: number,
): StandardsControlState[] {
  const standard = standardsArn.replace(/^arn:aws:securityhub:[^:]*::/, "");
  const path = standard.replace(/^standards\//, "");
  const members = [
    ...CONTROLS.filter((control) => control.standards.includes(standard)).map((control) => ({
      id: control.id,
      title: control.title,
      severity: control.severity,
      varied: false,
    })),
    ...LISTED_ONLY_CONTROLS.filter((control) => control.standards.includes(standard)).map((control) => ({ ...control, varied: true })),
  ];
  const rng = createRng(`${seed}:standards-controls:${account.id}:${region}:${path}`);
  const variable = members.filter((member) => member.varied).map((member) => member.id);
  const disabledCount = account.posture === "weak" || account.posture === "neglected" ? 4 : account.posture === "average" ? 2 : 0;
  const shuffled = [...variable];
  for (let index = shuffled.length - 1; index > 0; index -= 1) {
    const other = rng.int(0, index);
    [shuffled[index], shuffled[other]] = [shuffled[other]!, shuffled[index]!];
  }
  const disabled = new Set(shuffled.slice(0, disabledCount));
  const justEnabled = new Set(account.posture === "average" ? shuffled.slice(disabledCount, disabledCount + 1) : []);
  return members.map((member) => ({
    StandardsControlArn: `arn:aws:securityhub:${region}:${account.id}:control/${path}/${member.id}`,
    ControlStatus: disabled.has(member.id) ? "DISABLED" : "ENABLED",
    ...(disabled.has(member.id) ? { DisabledReason: "Not used in this account" } : {}),
    ControlStatusUpdatedAt: justEnabled.has(member.id) || disabled.has(member.id) ? new Date(startMs).toISOString() : hub.subscribedAt,
    ControlId: member.id,
    Title: member.title,
    SeverityRating: member.severity,
  }));
}
