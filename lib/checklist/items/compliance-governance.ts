import type { ChecklistItem } from "../types";

/** Compliance and governance: seeds/002 "Customers are responsible for complying with applicable regulations and standards." */
export const COMPLIANCE_GOVERNANCE_ITEMS: ChecklistItem[] = [
  {
    id: "GOV-01",
    domain: "compliance_governance",
    title: "A security standard (FSBP, CIS, PCI DSS, NIST) is enabled wherever Security Hub runs",
    whyCustomer:
      "Seeds/004: 'Automate compliance checks' and 'AWS Security Hub: Use aggregated findings for centralized compliance monitoring'; seeds/000: 'Compliance with regulatory requirements'.",
    severity: "medium",
    appliesWhen: { kind: "always" },
    evidence: { kind: "securityhub_standards" },
    remediation:
      "Enable AWS Foundational Security Best Practices and CIS AWS Foundations Benchmark v3.0.0 in every region (central configuration policy).",
    controlIds: [],
    legacyControlIds: [],
    cisIds: [],
  },
  {
    id: "GOV-02",
    domain: "compliance_governance",
    title: "Security contact registered for the account",
    whyCustomer: "Seeds/002: compliance with regulations stays with the customer; AWS can only warn a customer it can reach.",
    severity: "medium",
    appliesWhen: { kind: "always" },
    evidence: { kind: "controls" },
    remediation: "Set the security alternate contact (Account > Alternate contacts, or PutAlternateContact for every member account).",
    controlIds: ["Account.1"],
    legacyControlIds: [],
    cisIds: ["1.2"],
  },
  {
    id: "GOV-03",
    domain: "compliance_governance",
    title: "A support role exists to manage incidents with AWS Support",
    whyCustomer: "Seeds/003: 'Perform Regular Security Audits'; incident handling with AWS is part of the customer's operating model.",
    severity: "low",
    appliesWhen: { kind: "always" },
    evidence: { kind: "controls" },
    remediation: "Create a role with the AWSSupportAccess managed policy for the people who open incident cases.",
    controlIds: ["IAM.18"],
    legacyControlIds: ["CIS 1.2.0 1.20", "CIS 1.4.0 1.17"],
    cisIds: ["1.17"],
  },
];
