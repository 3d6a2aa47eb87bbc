import type { Domain } from "./types";

export interface UnmeasurableDuty {
  id: string;
  domain: Domain;
  duty: string;
  /** Where the seeds name it: file and a short quote. */
  seeds: string[];
  /** Why GuardDuty, Security Hub and CloudTrail data (what Parapet collects) cannot decide it. */
  reason: string;
  /** Checklist items that cover a measurable part of it, if any. */
  partlyCoveredBy: string[];
  /** What a team would keep instead, to show an auditor the duty is done. */
  evidenceToKeep: string;
}

/**
 * Customer duties the seeds name that the checklist cannot score from the collected data.
 * Listed so nobody mistakes a high score for "every duty done". Reviewed with the items.
 */
export const UNMEASURABLE_DUTIES: readonly UnmeasurableDuty[] = [
  {
    id: "U-01",
    domain: "application_security",
    duty: "Secure coding and code review (static and dynamic analysis of application code)",
    seeds: [
      "seeds/003: 'Ensure that your applications are free from vulnerabilities by implementing secure coding practices.'",
      "seeds/004: 'Regularly run static and dynamic code analysis tools like SonarQube or AWS CodeGuru Reviewer'",
    ],
    reason:
      "Source code, SAST/DAST results and review records live in the customer's SDLC tooling; none of them reach GuardDuty, Security Hub or CloudTrail. Only known-vulnerable packages found by Inspector are visible.",
    evidenceToKeep: "SAST/DAST reports per release, pull-request review records, and the findings triage log from the CI pipeline.",
    partlyCoveredBy: ["APP-03"],
  },
  {
    id: "U-02",
    domain: "application_security",
    duty: "Keep application code and its dependencies on EC2 up to date",
    seeds: [
      "seeds/003: 'Keep your operating systems, applications, and dependencies updated.' and 'Updates the application code to fix vulnerabilities.'",
    ],
    reason:
      "Inspector sees OS packages and known language packages; software installed outside package managers, and the customer's own code, are invisible to all three sources.",
    evidenceToKeep: "Dependency-scan (SCA) reports per build, the patch/upgrade tickets they raised, and the dates they closed.",
    partlyCoveredBy: ["OS-03", "APP-03"],
  },
  {
    id: "U-03",
    domain: "application_security",
    duty: "API throttling and DDoS protection with AWS Shield",
    seeds: [
      "seeds/004: 'Secure APIs with Amazon API Gateway, leveraging throttling' and 'Use AWS Shield and AWS WAF'",
      "seeds/002: 'AWS Shield and AWS WAF to protect against common web-based attacks such as distributed denial-of-service (DDoS)'",
    ],
    reason:
      "No Security Hub control in the collected standards checks API Gateway throttling limits or a Shield Advanced subscription, and these settings are not in CloudTrail's security events. WAF association is measurable and is on the checklist.",
    evidenceToKeep:
      "AWS WAF rate-based rules and API Gateway throttling settings exported from IaC, the Shield Advanced subscription and the DDoS response runbook.",
    partlyCoveredBy: ["APP-01", "APP-02"],
  },
  {
    id: "U-04",
    domain: "data_protection",
    duty: "Classify data and decide which data is sensitive and which regulations apply to it",
    seeds: [
      "seeds/002: 'Customers must also ensure that they are compliant with applicable data protection regulations.'",
      "seeds/004: 'Use Amazon Macie to monitor sensitive data'",
    ],
    reason:
      "Classification is a business decision about content; the collected sources carry configuration and threat signals, not what the data is. Whether Macie is switched on is measurable (DATA-11); Macie's sensitive-data findings are not judged because their meaning depends on the classification.",
    evidenceToKeep:
      "A data inventory: each data store with its classification, owner and the regulations that apply, reviewed at least yearly.",
    partlyCoveredBy: ["DATA-11"],
  },
  {
    id: "U-05",
    domain: "data_protection",
    duty: "Client-side and envelope encryption, customer-controlled keys in CloudHSM",
    seeds: [
      "seeds/002: 'AWS provides a variety of encryption options, including server-side encryption and client-side encryption.'",
      "seeds/004: 'Use Envelope Encryption to protect keys further' and 'AWS CloudHSM'",
    ],
    reason:
      "Client-side and envelope encryption happen inside the application before data reaches AWS; the services only see ciphertext. CloudHSM is not covered by any collected control.",
    evidenceToKeep:
      "The key-management design (which data is client-side or envelope encrypted, where keys live), CloudHSM cluster records and key-rotation logs.",
    partlyCoveredBy: ["DATA-04", "DATA-09"],
  },
  {
    id: "U-06",
    domain: "data_protection",
    duty: "Database-level access control and schema design (database users, grants)",
    seeds: ["seeds/001 comparison table: RDS customer responsibility 'Schema design, user access, encryption'"],
    reason:
      "Database users and grants live inside the database engine; AWS APIs, and so the three sources, do not see them. Encryption and public access of RDS are measurable and on the checklist.",
    evidenceToKeep:
      "Database user and grant listings per environment, with the approval for each privileged grant and the date of the last review.",
    partlyCoveredBy: ["DATA-08", "NET-08"],
  },
  {
    id: "U-07",
    domain: "data_protection",
    duty: "Protect user data in SaaS services (WorkDocs encryption, WorkSpaces)",
    seeds: ["seeds/004 SaaS: 'User data protection, leveraging AWS WorkDocs encryption tools for document security.'"],
    reason:
      "WorkDocs and WorkSpaces are not evaluated by Security Hub controls in the collected standards and are not collected otherwise.",
    evidenceToKeep: "WorkDocs/WorkSpaces encryption settings and the access list of each SaaS workspace, exported at each review.",
    partlyCoveredBy: [],
  },
  {
    id: "U-08",
    domain: "identity_access",
    duty: "Regularly review who has which permissions (access reviews)",
    seeds: [
      "seeds/003: 'Regularly review and update IAM roles and permissions.'",
      "seeds/004: 'Regularly audit and refine access policies'",
    ],
    reason:
      "A review is a process; its records are not in the sources. Its outcomes are partly visible (admin policies, wildcard actions, unused credentials), and those are on the checklist. Whether each grant is the minimum a person needs requires knowing their job.",
    evidenceToKeep: "Signed access-review records: who reviewed which identities and permissions, when, and what was removed.",
    partlyCoveredBy: ["IAM-06", "IAM-07", "IAM-09"],
  },
  {
    id: "U-09",
    domain: "identity_access",
    duty: "Centralise workforce access in IAM Identity Center with time-limited session policies",
    seeds: [
      "seeds/004: 'Use AWS Identity Center (formerly AWS SSO) for centralized access control' and 'Integrate session-based policies to enforce time-limited access'",
    ],
    reason:
      "Identity Center configuration and permission-set session durations are not collected. CloudTrail shows federated sign-ins but not whether every human uses them.",
    evidenceToKeep:
      "The IAM Identity Center permission-set catalogue with session durations, and the list of remaining IAM users with the reason each exists.",
    partlyCoveredBy: ["IAM-04", "IAM-05"],
  },
  {
    id: "U-10",
    domain: "os_patching",
    duty: "Antivirus and host-based intrusion detection on instances",
    seeds: [
      "seeds/001: 'EC2 Instances: AWS provides the VM; you manage patching, antivirus, and firewall settings.'",
      "seeds/004: 'Deploy host-based intrusion detection systems such as CrowdStrike, alongside AWS Inspector.'",
    ],
    reason:
      "Third-party agents report to their own consoles. GuardDuty Runtime Monitoring findings are collected (threat items), but per-instance agent coverage is not.",
    evidenceToKeep: "Endpoint-protection console exports showing every instance reporting, with the agent version and last check-in.",
    partlyCoveredBy: ["LOG-11"],
  },
  {
    id: "U-11",
    domain: "backup_resilience",
    duty: "Test recovery plans (restores actually work)",
    seeds: ["seeds/004: 'Back up critical data and test recovery plans regularly to ensure continuity.'"],
    reason:
      "Restore tests leave no trace in Security Hub control results or GuardDuty; the CloudTrail events of a restore job are not among the collected security events. Backup coverage itself is measurable and on the checklist.",
    evidenceToKeep: "Restore-test reports: what was restored, from which backup, how long it took, and whether the data was verified.",
    partlyCoveredBy: ["BAK-01", "BAK-02"],
  },
  {
    id: "U-12",
    domain: "compliance_governance",
    duty: "Actually comply with the regulations that apply (HIPAA, PCI DSS, GDPR, ISO 27001) and keep audit evidence",
    seeds: [
      "seeds/002: 'Customers are responsible for complying with applicable regulations and standards.'",
      "seeds/004: 'Automate compliance checks with AWS Audit Manager' and 'Access compliance certifications and reports through AWS Artifact'",
    ],
    reason:
      "Compliance is a legal judgement over technical and organisational controls; Security Hub standards measure a technical subset. Audit Manager assessments and Artifact agreements are not collected.",
    evidenceToKeep:
      "The control matrix for each regulation, auditor reports and certificates (SOC 2, ISO 27001, PCI AoC), and the evidence folder per control.",
    partlyCoveredBy: ["GOV-01", "LOG-06"],
  },
  {
    id: "U-13",
    domain: "compliance_governance",
    duty: "Compliance as code and automatic remediation (CloudFormation/Terraform, Config custom rules and remediations)",
    seeds: [
      "seeds/004: 'Integrate compliance as code using AWS CloudFormation or Terraform templates' and 'Use AWS Config Remediations to automatically correct misconfigurations'",
    ],
    reason:
      "How resources are deployed and whether remediations are automated is not visible in the collected data; only the resulting configuration is.",
    evidenceToKeep:
      "The IaC repositories and their change history, Config rule and remediation definitions, and the remediation run history.",
    partlyCoveredBy: ["LOG-06"],
  },
  {
    id: "U-14",
    domain: "compliance_governance",
    duty: "Tag resources to track ownership",
    seeds: ["seeds/004: 'Implement tagging strategies for resources to track ownership and enforce security standards effectively.'"],
    reason:
      "Which tags express ownership is an organisation-specific policy, and resource tags are not part of the collected evidence. (Security Hub's generic tagging controls do not know the policy.)",
    evidenceToKeep: "The tagging policy, AWS Organizations tag-policy reports and the list of untagged resources with owners assigned.",
    partlyCoveredBy: [],
  },
  {
    id: "U-15",
    domain: "compliance_governance",
    duty: "Review Trusted Advisor security checks and investigate with Amazon Detective",
    seeds: [
      "seeds/001: 'Review Trusted Advisor security checks regularly.'",
      "seeds/003: 'Use AWS Trusted Advisor to identify security gaps.'",
      "seeds/004: 'Amazon Detective: Investigate suspicious activities'",
    ],
    reason:
      "Trusted Advisor results and Detective investigations are not collected; reviewing them is a process with no trace in the three sources.",
    evidenceToKeep:
      "Trusted Advisor security-check exports with the action taken per flagged check, and Detective investigation notes per incident.",
    partlyCoveredBy: [],
  },
  {
    id: "U-16",
    domain: "network",
    duty: "Validate VPC designs with Network Access Analyzer and keep traffic private with PrivateLink / Network Firewall",
    seeds: [
      "seeds/004: 'Use Network Access Analyzer to validate Virtual Private Cloud (VPC) configurations.'",
      "seeds/004: 'Use AWS Network Firewall' and 'Secure connections with AWS PrivateLink'",
    ],
    reason:
      "Network Access Analyzer scopes, Network Firewall policies and which traffic should be private are design decisions not collected. Public exposure and open ports are measurable and on the checklist.",
    evidenceToKeep:
      "Network Access Analyzer scope results per VPC, the network design review record, and PrivateLink / Network Firewall configurations.",
    partlyCoveredBy: ["NET-01", "NET-02", "NET-07"],
  },
];
