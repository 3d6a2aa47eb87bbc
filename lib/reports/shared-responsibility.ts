import type { Domain } from "@/lib/checklist/types";

/**
 * The shared-responsibility framing of each customer domain for the executive report: one
 * line on what AWS secures underneath, one on what stays ours. Plain words for a board.
 */
export const SHARED_RESPONSIBILITY: Record<Domain, { awsSecures: string; weSecure: string }> = {
  identity_access: {
    awsSecures: "The IAM service itself, its availability and the root of its credentials.",
    weSecure: "Who may sign in and do what: MFA, least privilege, no root use, key rotation.",
  },
  data_protection: {
    awsSecures: "Encryption features, key-management hardware, disk wiping in the data centre.",
    weSecure: "Turning encryption on, keeping buckets and databases private, managing keys.",
  },
  network: {
    awsSecures: "The physical network, the hypervisor and isolation between customers.",
    weSecure: "Security groups, network ACLs, what is exposed to the internet.",
  },
  logging_monitoring: {
    awsSecures: "CloudTrail, GuardDuty and Security Hub as services that work when enabled.",
    weSecure: "Enabling them everywhere, keeping logs intact and acting on the alerts.",
  },
  os_patching: {
    awsSecures: "Host servers and, for managed services, the operating system underneath.",
    weSecure: "Patching the operating systems of our own EC2 instances and images.",
  },
  application_security: {
    awsSecures: "The runtime of managed services such as Lambda and API Gateway.",
    weSecure: "Our code, its dependencies and firewall rules in front of our applications.",
  },
  backup_resilience: {
    awsSecures: "Durable storage and the availability of its regions and zones.",
    weSecure: "Taking backups, protecting them, spreading across zones and testing restores.",
  },
  compliance_governance: {
    awsSecures: "Audited controls of its own infrastructure (its SOC and ISO reports).",
    weSecure: "Security standards switched on, configuration recording, our own policies.",
  },
};
