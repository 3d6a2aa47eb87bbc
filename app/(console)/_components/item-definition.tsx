import { type ChecklistItem, DOMAIN_TITLES, type EvidenceRule, SEVERITY_WEIGHT } from "@/lib/checklist/types";

export function describeApplicability(item: ChecklistItem): string {
  return item.appliesWhen.kind === "always" ? "always" : `when the account uses ${item.appliesWhen.services.join(" or ")}`;
}

export function describeEvidenceRule(rule: EvidenceRule): string {
  switch (rule.kind) {
    case "controls":
      return rule.countBy === "control_and_resource"
        ? "Security Hub control results, per check and resource"
        : "Security Hub control results, per resource";
    case "guardduty_enabled":
      return "GuardDuty detector enabled in every region";
    case "guardduty_feature":
      return `GuardDuty protection plan ${rule.features.join(", ")} enabled`;
    case "securityhub_enabled":
      return "Security Hub enabled in every region";
    case "securityhub_standards":
      return "A Security Hub standard enabled where Security Hub runs";
    case "active_threats": {
      const parts = [
        rule.source === "any" ? "" : rule.source,
        `${rule.minSeverity} or higher findings`,
        rule.olderThanDays === undefined ? "" : `open more than ${rule.olderThanDays} days`,
        rule.typePrefixes ? `of type ${rule.typePrefixes.join(", ")}` : "",
        rule.resourceTypePrefixes ? `on ${rule.resourceTypePrefixes.join(", ")}` : "",
        rule.scannerControlIds ? `(scanner proven by ${rule.scannerControlIds.join(", ")})` : "",
      ];
      return `No active ${parts.filter((part) => part !== "").join(" ")}`;
    }
    case "risky_events":
      return `No CloudTrail ${rule.pattern.replaceAll("_", " ")} in the last ${rule.windowDays} days`;
    case "trails":
      return `CloudTrail trails: ${rule.requirement.replaceAll("_", " ")}`;
  }
}

const list = (values: readonly string[]) => (values.length === 0 ? "—" : values.join(", "));

/** The checklist item as versioned in lib/checklist/items: why it is the customer's, how it is decided, how to fix it. */
export function ItemDefinition({ item }: { item: ChecklistItem }) {
  return (
    <dl className="facts" data-testid="item-definition">
      <dt>Domain</dt>
      <dd>{DOMAIN_TITLES[item.domain]}</dd>
      <dt>Severity</dt>
      <dd>
        <span className={`sev-${item.severity}`}>{item.severity}</span> (weight {SEVERITY_WEIGHT[item.severity]})
      </dd>
      <dt>Applies</dt>
      <dd>{describeApplicability(item)}</dd>
      <dt>Decided by</dt>
      <dd>{describeEvidenceRule(item.evidence)}</dd>
      <dt>Why it is yours</dt>
      <dd>{item.whyCustomer}</dd>
      <dt>How to fix</dt>
      <dd>{item.remediation}</dd>
      <dt>Security Hub controls</dt>
      <dd className="mono">{list(item.controlIds)}</dd>
      <dt>Legacy control ids</dt>
      <dd className="small">{list(item.legacyControlIds)}</dd>
      <dt>CIS v3.0.0</dt>
      <dd>{list(item.cisIds)}</dd>
    </dl>
  );
}
