import type { ChecklistItem } from "../types";
import { APPLICATION_SECURITY_ITEMS } from "./application-security";
import { BACKUP_RESILIENCE_ITEMS } from "./backup-resilience";
import { COMPLIANCE_GOVERNANCE_ITEMS } from "./compliance-governance";
import { DATA_PROTECTION_ITEMS } from "./data-protection";
import { IDENTITY_ACCESS_ITEMS } from "./identity-access";
import { LOGGING_MONITORING_ITEMS } from "./logging-monitoring";
import { NETWORK_ITEMS } from "./network";
import { OS_PATCHING_ITEMS } from "./os-patching";

/**
 * Version of the checklist data. Stored with every score snapshot: scores from different
 * versions are not comparable item by item. Bump on any change to items, weights or rules
 * (year.month.sequence).
 */
export const CHECKLIST_VERSION = "2026.12.1";

export const CHECKLIST_ITEMS: readonly ChecklistItem[] = [
  ...IDENTITY_ACCESS_ITEMS,
  ...DATA_PROTECTION_ITEMS,
  ...NETWORK_ITEMS,
  ...LOGGING_MONITORING_ITEMS,
  ...OS_PATCHING_ITEMS,
  ...APPLICATION_SECURITY_ITEMS,
  ...BACKUP_RESILIENCE_ITEMS,
  ...COMPLIANCE_GOVERNANCE_ITEMS,
];
