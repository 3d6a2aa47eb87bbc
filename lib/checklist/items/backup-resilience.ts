import type { ChecklistItem } from "../types";

/** Backup and resilience: seeds/001 names "Assuming backups are taken care of automatically" as a customer mistake. */
export const BACKUP_RESILIENCE_ITEMS: ChecklistItem[] = [
  {
    id: "BAK-01",
    domain: "backup_resilience",
    title: "Databases have automatic backups or a backup plan",
    whyCustomer:
      "Seeds/001: 'Assuming backups are taken care of automatically for all services' is a customer mistake; seeds/004 PaaS: 'Regularly audit database access and backup policies.'",
    severity: "high",
    appliesWhen: { kind: "uses_service", services: ["rds", "dynamodb", "redshift"] },
    evidence: { kind: "controls" },
    remediation: "Set a backup retention period > 0 on DB instances, enable PITR on DynamoDB tables, and add them to an AWS Backup plan.",
    controlIds: ["RDS.11", "RDS.26", "DynamoDB.2", "DynamoDB.4", "Redshift.3"],
    legacyControlIds: [],
    cisIds: [],
  },
  {
    id: "BAK-02",
    domain: "backup_resilience",
    title: "EBS volumes are covered by a backup plan",
    whyCustomer: "Seeds/003 customer example: 'Creating and monitoring backups of application data'.",
    severity: "medium",
    appliesWhen: { kind: "uses_service", services: ["ec2"] },
    evidence: { kind: "controls" },
    remediation: "Add in-use EBS volumes (by tag) to an AWS Backup plan.",
    controlIds: ["EC2.28"],
    legacyControlIds: [],
    cisIds: [],
  },
  {
    id: "BAK-03",
    domain: "backup_resilience",
    title: "S3 data is versioned, replicated and protected against deletion",
    whyCustomer:
      "Seeds/004: 'Enable Amazon S3 Versioning and Cross-Region Replication for high availability and disaster recovery' and 'Use Amazon S3 with Object Lock for immutable medical records'.",
    severity: "low",
    appliesWhen: { kind: "uses_service", services: ["s3"] },
    evidence: { kind: "controls" },
    remediation:
      "Enable versioning with lifecycle rules, cross-region replication for critical buckets, and Object Lock or MFA delete where records must be immutable.",
    controlIds: ["S3.14", "S3.7", "S3.10", "S3.15", "S3.20"],
    legacyControlIds: ["PCI.S3.3"],
    cisIds: ["2.1.2"],
  },
  {
    id: "BAK-04",
    domain: "backup_resilience",
    title: "Databases and load-balanced workloads survive zone failure and accidental deletion",
    whyCustomer:
      "Seeds/003: 'Operational Downtime: Poorly managed operating systems or applications can lead to system failures'; seeds/004: 'Scale securely during peak traffic using AWS Auto Scaling'. Availability settings are the customer's choice.",
    severity: "medium",
    appliesWhen: { kind: "uses_service", services: ["rds", "dynamodb", "elb"] },
    evidence: { kind: "controls" },
    remediation:
      "Enable Multi-AZ and deletion protection on production databases, span load balancers over several AZs with deletion protection, and use ELB health checks in Auto Scaling groups.",
    controlIds: ["RDS.5", "RDS.15", "RDS.7", "RDS.8", "DynamoDB.6", "AutoScaling.1", "ELB.6", "ELB.10"],
    legacyControlIds: ["PCI.AutoScaling.1"],
    cisIds: [],
  },
];
