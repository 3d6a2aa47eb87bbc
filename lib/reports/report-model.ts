import type { ChangeKind } from "@/lib/checklist/diff-snapshots";
import type { Domain, Severity } from "@/lib/checklist/types";
import type { ReportScope } from "./report-scope";

/**
 * The weekly executive report as data: what the PDF and the CSV are both rendered from,
 * stored with the report (jsonb) so a stored report never changes. Every number is final
 * (rounded once, as the console rounds it); renderers only format.
 */
export interface ReportData {
  formatVersion: 1;
  scope: ReportScope;
  scopeLabel: string;
  /** ISO week, e.g. "2026-W48" */
  week: string;
  /** Monday 00:00 UTC, and the next Monday 00:00 UTC (exclusive) */
  periodStart: string;
  periodEnd: string;
  generatedAt: string;
  checklistVersion: string;
  freshness: {
    /** The oldest and newest evaluation the week's figures come from (each account's last snapshot of the week). */
    oldestEvidenceAt: string | null;
    newestEvidenceAt: string | null;
  };
  org: {
    score: number | null;
    riskAdjustedScore: number | null;
    coverage: number | null;
    /** Against the previous week's point of the trend; null without one. */
    scoreChange: number | null;
    coverageChange: number | null;
    /** Accounts in the scope (registered, not data-only) */
    accountsInScope: number;
    /** Accounts with a score snapshot this week: the ones the figures pool */
    accountsAssessed: number;
  };
  /** 12 weekly points, oldest first, the report's week last. */
  trend: Array<{ week: string; score: number | null; coverage: number | null; accounts: number }>;
  domains: Array<{
    domain: Domain;
    title: string;
    awsSecures: string;
    weSecure: string;
    score: number | null;
    coverage: number | null;
    scoreChange: number | null;
  }>;
  changes: {
    totals: Record<ChangeKind | "new_account", number>;
    /** The biggest item changes org-wide (by score impact) */
    highlights: Array<{
      accountId: string;
      accountName: string;
      itemId: string;
      title: string;
      kind: ChangeKind;
      scoreImpact: number;
      detail: string;
    }>;
    /** Every account with a change this week */
    accounts: Array<{
      accountId: string;
      accountName: string;
      scoreBefore: number | null;
      scoreAfter: number | null;
      scoreChange: number | null;
      isNew: boolean;
      counts: Partial<Record<ChangeKind, number>>;
      /** The largest item changes, e.g. "IAM-04 fixed (+2.1)" */
      main: string;
    }>;
  };
  worstAccounts: Array<{
    accountId: string;
    accountName: string;
    score: number | null;
    coverage: number | null;
    scoreChange: number | null;
  }>;
  movers: {
    up: Array<{ accountId: string; accountName: string; score: number | null; scoreChange: number }>;
    down: Array<{ accountId: string; accountName: string; score: number | null; scoreChange: number }>;
  };
  threats: {
    /** GuardDuty findings first seen this week */
    newCritical: number;
    newHigh: number;
    /** of those, still active when the report was generated */
    stillActive: number;
    /** successful risky CloudTrail calls this week (root use, logging tampering, detection disabled, console login without MFA) */
    riskyEvents: number;
    findings: Array<{
      accountId: string;
      accountName: string;
      severity: "CRITICAL" | "HIGH";
      type: string;
      title: string;
      count: number;
      active: number;
      firstSeenAt: string;
    }>;
    events: Array<{ accountId: string; accountName: string; pattern: string; eventName: string; count: number; lastAt: string }>;
  };
  topFixes: Array<{
    itemId: string;
    title: string;
    domain: Domain;
    severity: Severity;
    /** Points the scope's risk-adjusted score gains when fixed in every affected account */
    uplift: number;
    accountCount: number;
    accounts: Array<{ accountId: string; accountName: string; uplift: number }>;
    remediation: string;
  }>;
  expiringAcceptances: Array<{
    accountId: string;
    accountName: string;
    itemId: string;
    title: string;
    owner: string;
    reason: string;
    expiresAt: string;
  }>;
  notAssessed: {
    accounts: Array<{ accountId: string; accountName: string; status: string; reason: string }>;
    sources: Array<{ accountId: string; accountName: string; region: string; source: string; state: string; error: string | null }>;
    noDataItems: Array<{ itemId: string; title: string; accounts: number }>;
    unmeasurable: Array<{ id: string; domain: Domain; duty: string; reason: string }>;
  };
}
