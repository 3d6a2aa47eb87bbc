import { CIS_1_2_0, CIS_1_4_0, CIS_3_0_0, PCI_DSS_3_2_1 } from "./legacy-control-tables";

export interface LegacyControlRef {
  /** ASFF ProductFields.ControlId, e.g. "IAM.6", "PCI.IAM.1", "3.7", "CIS.1.5", "CT.CloudTrail.2". */
  controlId?: string | null;
  /** ASFF ProductFields.RuleId (CIS v1.2.0 findings only), e.g. "1.14". */
  ruleId?: string | null;
  /** ProductFields.StandardsArn / StandardsGuideArn, or a Compliance.AssociatedStandards id. */
  standardsArn?: string | null;
  /** ASFF GeneratorId, e.g. "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0/rule/1.12". */
  generatorId?: string | null;
}

type Standard = "cis-1.2.0" | "cis-1.4.0" | "cis-3.0.0" | "cis-other" | "pci" | "consolidated" | "unknown";

const CONSOLIDATED_ID = /^[A-Za-z][A-Za-z0-9]*\.\d+$/;
const NUMERIC_ID = /^\d+(\.\d+)+$/;

/**
 * Consolidated control id (Compliance.SecurityControlId) of a control finding written in a
 * legacy per-standard form, or null when it cannot be told. Accounts whose hub predates
 * consolidated findings (ControlFindingGenerator STANDARD_CONTROL) send one finding per
 * standard with ids like "1.14" (CIS 1.2 RuleId), "3.7" (CIS 1.4), "PCI.IAM.1"; these all
 * name one control, and the checklist only speaks consolidated ids.
 *
 * Numeric ids are ambiguous across CIS versions ("1.4" is IAM.3 in v1.2.0 and IAM.4 in
 * v1.4.0), so they are mapped only when the standard is known (from standardsArn or
 * generatorId) or the id came as a RuleId, which only CIS v1.2.0 findings carry.
 */
export function mapLegacyControlId(input: LegacyControlRef): string | null {
  const standard = detectStandard(`${input.standardsArn ?? ""} ${input.generatorId ?? ""}`);
  const fromGenerator = input.generatorId ? lastSegment(input.generatorId) : null;
  const raw = (input.controlId ?? input.ruleId ?? fromGenerator ?? "").trim();
  if (raw === "") return null;

  if (raw.startsWith("PCI.")) return PCI_DSS_3_2_1[raw] ?? null;
  // Control Tower's service-managed standard prefixes the consolidated id with "CT.".
  if (raw.startsWith("CT.") && CONSOLIDATED_ID.test(raw.slice(3))) return raw.slice(3);

  const numeric = raw.replace(/^CIS\./i, "");
  if (NUMERIC_ID.test(numeric)) {
    const table =
      standard === "cis-1.2.0" || (standard === "unknown" && !input.controlId && input.ruleId)
        ? CIS_1_2_0
        : standard === "cis-1.4.0"
          ? CIS_1_4_0
          : standard === "cis-3.0.0"
            ? CIS_3_0_0
            : null;
    return table?.[numeric] ?? null;
  }
  return CONSOLIDATED_ID.test(raw) ? raw : null;
}

function detectStandard(text: string): Standard {
  if (text.includes("cis-aws-foundations-benchmark/v/1.2.0")) return "cis-1.2.0";
  if (text.includes("cis-aws-foundations-benchmark/v/1.4.0")) return "cis-1.4.0";
  if (text.includes("cis-aws-foundations-benchmark/v/3.0.0")) return "cis-3.0.0";
  if (text.includes("cis-aws-foundations-benchmark")) return "cis-other";
  if (text.includes("pci-dss")) return "pci";
  if (text.includes("security-control/") || text.includes("aws-foundational-security-best-practices") || text.includes("nist-800-53")) {
    return "consolidated";
  }
  return "unknown";
}

function lastSegment(generatorId: string): string {
  const parts = generatorId.split("/");
  return parts[parts.length - 1] ?? "";
}
