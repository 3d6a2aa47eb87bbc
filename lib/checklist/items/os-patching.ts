import type { ChecklistItem } from "../types";

const VULNERABILITY_TYPE = "Software and Configuration Checks/Vulnerabilities";

/**
 * Operating-system patching: only where the customer runs the OS (IaaS). The seeds are
 * explicit that a managed service moves this duty to AWS, hence the ec2 applicability.
 */
export const OS_PATCHING_ITEMS: ChecklistItem[] = [
  {
    id: "OS-01",
    domain: "os_patching",
    title: "EC2 instances are managed by Systems Manager",
    whyCustomer:
      "Seeds/001: 'EC2 Instances: AWS provides the VM; you manage patching'; seeds/004: 'Automate OS patching using AWS Systems Manager Patch Manager' needs the instance managed first.",
    severity: "medium",
    appliesWhen: { kind: "uses_service", services: ["ec2"] },
    evidence: { kind: "controls" },
    remediation:
      "Install/keep the SSM Agent and attach an instance profile with AmazonSSMManagedInstanceCore (or enable Default Host Management).",
    controlIds: ["SSM.1"],
    legacyControlIds: ["PCI.SSM.3"],
    cisIds: [],
  },
  {
    id: "OS-02",
    domain: "os_patching",
    title: "Managed instances are patch-compliant",
    whyCustomer:
      "Seeds/000: 'If your part ... is managing your own virtual machines, don't ignore those update notifications! Apply patches quickly'; seeds/000 lists 'Unpatched virtual machines' as a blunder.",
    severity: "high",
    appliesWhen: { kind: "uses_service", services: ["ec2"] },
    evidence: { kind: "controls" },
    remediation: "Run Patch Manager on a schedule (patch policy in Quick Setup) and fix instances reporting NON_COMPLIANT.",
    controlIds: ["SSM.2", "SSM.3"],
    legacyControlIds: ["PCI.SSM.1", "PCI.SSM.2"],
    cisIds: [],
  },
  {
    id: "OS-03",
    domain: "os_patching",
    title: "No open high or critical OS/package vulnerabilities on instances",
    whyCustomer:
      "Seeds/003: 'For services like Amazon EC2, customers must install updates and patches for their operating systems and software'; seeds/004: 'alongside AWS Inspector'.",
    severity: "high",
    appliesWhen: { kind: "uses_service", services: ["ec2"] },
    evidence: {
      kind: "active_threats",
      source: "securityhub",
      minSeverity: "HIGH",
      typePrefixes: [VULNERABILITY_TYPE],
      resourceTypePrefixes: ["AwsEc2Instance"],
      scannerControlIds: ["Inspector.1"],
    },
    remediation: "Turn on Inspector EC2 scanning, then patch the packages named in its findings (Patch Manager or a new AMI).",
    controlIds: ["Inspector.1"],
    legacyControlIds: [],
    cisIds: [],
  },
  {
    id: "OS-04",
    domain: "os_patching",
    title: "No long-stopped or paravirtual instances left to rot",
    whyCustomer:
      "Seeds/003: 'Poorly managed operating systems or applications can lead to system failures'; a stopped instance misses every patch.",
    severity: "low",
    appliesWhen: { kind: "uses_service", services: ["ec2"] },
    evidence: { kind: "controls" },
    remediation: "Terminate instances stopped for more than 30 days (snapshot first) and migrate paravirtual instances to HVM types.",
    controlIds: ["EC2.4", "EC2.24"],
    legacyControlIds: [],
    cisIds: [],
  },
  {
    id: "OS-05",
    domain: "os_patching",
    title: "Managed databases and clusters take automatic minor-version upgrades",
    whyCustomer:
      "Seeds/000: with a managed database 'AWS handles those OS updates for you', but seeds/001 keeps 'OS-level patching (for EC2, RDS self-managed)' and the upgrade opt-in with the customer.",
    severity: "medium",
    appliesWhen: { kind: "uses_service", services: ["rds", "redshift"] },
    evidence: { kind: "controls" },
    remediation: "Set AutoMinorVersionUpgrade=true on DB instances and clusters (and allow version upgrades on Redshift).",
    controlIds: ["RDS.13", "RDS.35", "Redshift.6"],
    legacyControlIds: [],
    cisIds: ["2.3.2"],
  },
  {
    id: "OS-06",
    domain: "os_patching",
    title: "Functions and clusters run supported runtimes and versions",
    whyCustomer:
      "Seeds/003 PaaS (AWS Lambda): AWS 'Manages the infrastructure, operating system, and runtime' only while the customer picks a supported runtime.",
    severity: "medium",
    appliesWhen: { kind: "uses_service", services: ["lambda", "eks"] },
    evidence: { kind: "controls" },
    remediation: "Move functions off deprecated runtimes and clusters to supported Kubernetes versions.",
    controlIds: ["Lambda.2", "EKS.2"],
    legacyControlIds: [],
    cisIds: [],
  },
];
