-- The console at 500 accounts and millions of records.
--
-- 1. The daily snapshot (written in the scoring transaction) also carries the account's
--    active finding counts by severity, so the overview and the accounts list read one row
--    per account instead of counting its findings on every request.
--    It also carries the account's pooled weights (the sums the org score rolls up), so the
--    org trend sums four numbers per account per day instead of expanding every snapshot's
--    domains.
-- 2. New critical/high GuardDuty threats by day read a partial index on first_seen_at, so
--    the overview's threat chart costs what the last 14 days of threats cost.
-- 3. The findings explorer's filtered pages (by account, by severity, by control) keyset on
--    indexes that start with the filter and end with the sort, and first-seen sorting has
--    its own index like severity and last-seen.

-- Up Migration

ALTER TABLE score_snapshots
  ADD COLUMN active_critical integer NOT NULL DEFAULT 0,
  ADD COLUMN active_high integer NOT NULL DEFAULT 0,
  ADD COLUMN active_medium integer NOT NULL DEFAULT 0,
  ADD COLUMN active_low integer NOT NULL DEFAULT 0,
  ADD COLUMN active_informational integer NOT NULL DEFAULT 0,
  ADD COLUMN earned_weight double precision NOT NULL DEFAULT 0,
  ADD COLUMN risk_adjusted_earned_weight double precision NOT NULL DEFAULT 0,
  ADD COLUMN weight_with_data double precision NOT NULL DEFAULT 0,
  ADD COLUMN weight_applicable double precision NOT NULL DEFAULT 0;

-- The weights of existing snapshots, from their domains (the sums the trend computed before).
UPDATE score_snapshots s SET
  earned_weight = w.earned, risk_adjusted_earned_weight = w.adjusted, weight_with_data = w.with_data, weight_applicable = w.applicable
FROM (
  SELECT x.id,
         COALESCE(sum((d.value->>'earnedWeight')::float8), 0) AS earned,
         COALESCE(sum((d.value->>'riskAdjustedEarnedWeight')::float8), 0) AS adjusted,
         COALESCE(sum((d.value->>'weightWithData')::float8), 0) AS with_data,
         COALESCE(sum((d.value->>'weightApplicable')::float8), 0) AS applicable
  FROM score_snapshots x CROSS JOIN LATERAL jsonb_each(x.domains) AS d
  GROUP BY x.id
) w
WHERE s.id = w.id;

-- Fill today's numbers into every account's latest snapshot, so the overview is right
-- before the next scoring (older snapshots keep 0: their day's counts are not recoverable).
UPDATE score_snapshots s SET
  active_critical = c.critical, active_high = c.high, active_medium = c.medium, active_low = c.low, active_informational = c.informational
FROM (
  SELECT account_id,
         count(*) FILTER (WHERE severity_label = 'CRITICAL')::int AS critical,
         count(*) FILTER (WHERE severity_label = 'HIGH')::int AS high,
         count(*) FILTER (WHERE severity_label = 'MEDIUM')::int AS medium,
         count(*) FILTER (WHERE severity_label = 'LOW')::int AS low,
         count(*) FILTER (WHERE severity_label = 'INFORMATIONAL')::int AS informational
  FROM findings
  WHERE status = 'active' AND linked_guardduty_id IS NULL AND (compliance_status IS NULL OR compliance_status <> 'PASSED')
  GROUP BY account_id
) c
WHERE s.account_id = c.account_id AND s.day = (SELECT max(day) FROM score_snapshots l WHERE l.account_id = s.account_id);

CREATE INDEX findings_guardduty_threats_first_seen_at_idx ON findings (first_seen_at)
  WHERE source = 'guardduty' AND severity_label IN ('CRITICAL', 'HIGH');
CREATE INDEX findings_account_id_status_severity_id_idx ON findings (account_id, status, severity DESC, id DESC);
CREATE INDEX findings_control_id_status_severity_id_idx ON findings (control_id, status, severity DESC, id DESC);
CREATE INDEX findings_status_first_seen_at_id_idx ON findings (status, first_seen_at DESC, id DESC);

-- Down Migration

DROP INDEX findings_status_first_seen_at_id_idx;
DROP INDEX findings_control_id_status_severity_id_idx;
DROP INDEX findings_account_id_status_severity_id_idx;
DROP INDEX findings_guardduty_threats_first_seen_at_idx;
ALTER TABLE score_snapshots
  DROP COLUMN weight_applicable,
  DROP COLUMN weight_with_data,
  DROP COLUMN risk_adjusted_earned_weight,
  DROP COLUMN earned_weight,
  DROP COLUMN active_informational,
  DROP COLUMN active_low,
  DROP COLUMN active_medium,
  DROP COLUMN active_high,
  DROP COLUMN active_critical;
