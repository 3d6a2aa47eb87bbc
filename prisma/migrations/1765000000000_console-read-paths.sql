-- The console's read paths at 500 accounts, 2M findings, 5M events (issue 13). Each index
-- here is there because an EXPLAIN (ANALYZE, BUFFERS) of a page's statement at that size
-- showed the statement reading rows it then threw away (bench/README.md, "console").
--
-- 1. Text search over finding titles (`q=`, ILIKE '%...%') is served by a trigram index.
--    pg_trgm ships with PostgreSQL (contrib) and is a trusted extension: a database owner
--    may create it without being a superuser. A DATABASE_URL user who is not the owner needs
--    CREATE on the database, or a superuser to run CREATE EXTENSION pg_trgm once beforehand.
-- 2. The explorer's counts (capped at 10,000) read only the index: the filter columns the
--    explorer always applies (severity label, control, Security Hub copies, PASSED controls)
--    are carried in the account index, and severity + control has an index of its own that
--    starts with both, so a page filtered by severity no longer skips every more severe row.
-- 3. The overview's three org-wide aggregates read only an index: new threats by day (the
--    threat index carries the label and the account), the org trend (the snapshot's pooled
--    weights by day and account) and the top failing items (status by item and account).
-- 4. The index on linked_guardduty_id keeps only the copies (non-NULL): nearly every row is
--    NULL, and the index of all of them drew the planner into BitmapAnds over 2M entries.

-- Up Migration

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX findings_title_trgm_idx ON findings USING gin (title gin_trgm_ops);

DROP INDEX findings_account_id_status_severity_id_idx;
CREATE INDEX findings_account_id_status_severity_id_idx ON findings (account_id, status, severity DESC, id DESC)
  INCLUDE (severity_label, control_id, linked_guardduty_id, compliance_status);
CREATE INDEX findings_control_id_status_severity_label_idx ON findings (control_id, status, severity_label, severity DESC, id DESC)
  INCLUDE (linked_guardduty_id, compliance_status);

DROP INDEX findings_linked_guardduty_id_idx;
CREATE INDEX findings_linked_guardduty_id_idx ON findings (linked_guardduty_id) WHERE linked_guardduty_id IS NOT NULL;

DROP INDEX findings_guardduty_threats_first_seen_at_idx;
CREATE INDEX findings_guardduty_threats_first_seen_at_idx ON findings (first_seen_at) INCLUDE (severity_label, account_id)
  WHERE source = 'guardduty' AND severity_label IN ('CRITICAL', 'HIGH');

DROP INDEX score_snapshots_day_idx;
CREATE INDEX score_snapshots_day_idx ON score_snapshots (day, account_id)
  INCLUDE (earned_weight, risk_adjusted_earned_weight, weight_with_data, weight_applicable);

DROP INDEX checklist_results_item_id_status_idx;
CREATE INDEX checklist_results_item_id_status_idx ON checklist_results (item_id, status) INCLUDE (account_id);

-- Down Migration

DROP INDEX checklist_results_item_id_status_idx;
CREATE INDEX checklist_results_item_id_status_idx ON checklist_results (item_id, status);
DROP INDEX score_snapshots_day_idx;
CREATE INDEX score_snapshots_day_idx ON score_snapshots (day);
DROP INDEX findings_guardduty_threats_first_seen_at_idx;
CREATE INDEX findings_guardduty_threats_first_seen_at_idx ON findings (first_seen_at)
  WHERE source = 'guardduty' AND severity_label IN ('CRITICAL', 'HIGH');
DROP INDEX findings_linked_guardduty_id_idx;
CREATE INDEX findings_linked_guardduty_id_idx ON findings (linked_guardduty_id);
DROP INDEX findings_control_id_status_severity_label_idx;
DROP INDEX findings_account_id_status_severity_id_idx;
CREATE INDEX findings_account_id_status_severity_id_idx ON findings (account_id, status, severity DESC, id DESC);
DROP INDEX findings_title_trgm_idx;
