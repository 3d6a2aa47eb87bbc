-- Read models for the last two overview panels that still read one row per account x item
-- or per finding on every request (bench/README.md, "full size after round 3": 24 ms and
-- 20 ms of PostgreSQL time per overview request at 500 accounts and 2M findings):
--
-- 1. account_item_statuses: per account, the items of its latest evaluation that have a
--    result (pass, fail or partial), as two parallel arrays in item order. "Checklist items
--    failing in the most accounts" counted checklist_results per (item, status): a scan of
--    the wide table (each row carries its evidence JSON; 2,567 pages at 500 accounts) or of
--    its index, which every rescoring dirties. Unnesting these 500 narrow rows is the same
--    count from ~12,500 array elements. Kept by a statement trigger on checklist_results, so
--    every writer is covered (the scoring transaction, an account's deletion, the bench's
--    seed, a hand-written fix); it recomputes the touched accounts from checklist_results
--    (no deltas), under the same per-account advisory lock as account_latest_scores
--    (1765401, hashtext(id), ascending), so two refreshes of one account take turns and the
--    second one's recompute sees the first one's committed rows.
--
-- 2. account_threat_days: per account and UTC day, the GuardDuty findings of critical and
--    high severity first seen that day, whatever their status now (the overview's "new
--    critical and high threats by day"). Refreshed for the account by the scoring
--    transaction (lib/data/scores/save-account-score.ts calls refresh_account_threat_days),
--    the collection's last step, like the snapshot's active finding counts: the overview's
--    figures are then all of one moment per account, and the findings upsert (the
--    collector's hot path) carries no trigger. The refresh recomputes every day of the
--    account from its critical/high GuardDuty findings, read through the partial index
--    below (a few hundred entries per account), so late-arriving old findings (a first
--    collection brings 90 days of them) land on their day.

-- Up Migration

CREATE TABLE account_item_statuses (
  account_id varchar(12) NOT NULL,
  item_ids text[] NOT NULL,
  statuses text[] NOT NULL,
  CONSTRAINT account_item_statuses_pkey PRIMARY KEY (account_id),
  CONSTRAINT account_item_statuses_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE ON UPDATE CASCADE
);

-- The accounts' advisory locks, as refresh_account_latest_scores (migration 1765400000000)
-- takes them: (1765401, hashtext(id)), in ascending id order.
CREATE FUNCTION lock_account_read_models(ids text[]) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  locked text;
BEGIN
  FOR locked IN SELECT DISTINCT i FROM unnest(ids) AS i WHERE i IS NOT NULL ORDER BY i LOOP
    PERFORM pg_advisory_xact_lock(1765401, hashtext(locked));
  END LOOP;
END;
$$;

CREATE FUNCTION refresh_account_item_statuses(ids text[]) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF cardinality(ids) IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  PERFORM lock_account_read_models(ids);
  DELETE FROM account_item_statuses WHERE account_id = ANY(ids);
  -- Only accounts that still exist: during an account's deletion the cascade removes its
  -- results first and this row with the account.
  INSERT INTO account_item_statuses (account_id, item_ids, statuses)
  SELECT r.account_id, array_agg(r.item_id ORDER BY r.item_id), array_agg(r.status ORDER BY r.item_id)
  FROM checklist_results r
  WHERE r.account_id = ANY(ids) AND r.status IN ('pass', 'fail', 'partial')
    AND EXISTS (SELECT 1 FROM accounts a WHERE a.id = r.account_id)
  GROUP BY r.account_id;
END;
$$;

CREATE FUNCTION checklist_results_refresh_item_statuses() RETURNS trigger LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM refresh_account_item_statuses(ARRAY(SELECT DISTINCT account_id::text FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM refresh_account_item_statuses(ARRAY(SELECT account_id::text FROM new_rows UNION SELECT account_id::text FROM old_rows));
  ELSE
    PERFORM refresh_account_item_statuses(ARRAY(SELECT DISTINCT account_id::text FROM old_rows));
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER checklist_results_item_statuses_insert AFTER INSERT ON checklist_results
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION checklist_results_refresh_item_statuses();
CREATE TRIGGER checklist_results_item_statuses_update AFTER UPDATE ON checklist_results
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION checklist_results_refresh_item_statuses();
CREATE TRIGGER checklist_results_item_statuses_delete AFTER DELETE ON checklist_results
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION checklist_results_refresh_item_statuses();

CREATE FUNCTION checklist_results_clear_item_statuses() RETURNS trigger LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  DELETE FROM account_item_statuses;
  RETURN NULL;
END;
$$;
CREATE TRIGGER checklist_results_item_statuses_truncate AFTER TRUNCATE ON checklist_results
  FOR EACH STATEMENT EXECUTE FUNCTION checklist_results_clear_item_statuses();

CREATE TABLE account_threat_days (
  account_id varchar(12) NOT NULL,
  day date NOT NULL,
  critical integer NOT NULL,
  high integer NOT NULL,
  CONSTRAINT account_threat_days_pkey PRIMARY KEY (account_id, day),
  CONSTRAINT account_threat_days_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE ON UPDATE CASCADE
);
-- The overview reads a window of days across the accounts in scope: index-only.
CREATE INDEX account_threat_days_day_idx ON account_threat_days (day) INCLUDE (account_id, critical, high);

-- The refresh reads one account's critical/high GuardDuty findings; the old index (keyed on
-- first_seen_at alone, for the per-request count over every account) has no reader left.
DROP INDEX findings_guardduty_threats_first_seen_at_idx;
CREATE INDEX findings_guardduty_threats_account_id_first_seen_at_idx ON findings (account_id, first_seen_at) INCLUDE (severity_label)
  WHERE source = 'guardduty' AND severity_label IN ('CRITICAL', 'HIGH');

CREATE FUNCTION refresh_account_threat_days(ids text[]) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF cardinality(ids) IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  PERFORM lock_account_read_models(ids);
  DELETE FROM account_threat_days WHERE account_id = ANY(ids);
  INSERT INTO account_threat_days (account_id, day, critical, high)
  SELECT f.account_id, (f.first_seen_at AT TIME ZONE 'UTC')::date,
         count(*) FILTER (WHERE f.severity_label = 'CRITICAL'), count(*) FILTER (WHERE f.severity_label = 'HIGH')
  FROM findings f
  WHERE f.account_id = ANY(ids) AND f.source = 'guardduty' AND f.severity_label IN ('CRITICAL', 'HIGH')
  GROUP BY 1, 2;
END;
$$;

-- Backfill with the functions the trigger and the scoring transaction use.
SELECT refresh_account_item_statuses(ARRAY(SELECT DISTINCT account_id::text FROM checklist_results));
SELECT refresh_account_threat_days(ARRAY(SELECT id::text FROM accounts));

-- Down Migration

DROP FUNCTION refresh_account_threat_days(text[]);
DROP INDEX findings_guardduty_threats_account_id_first_seen_at_idx;
CREATE INDEX findings_guardduty_threats_first_seen_at_idx ON findings (first_seen_at) INCLUDE (severity_label, account_id)
  WHERE source = 'guardduty' AND severity_label IN ('CRITICAL', 'HIGH');
DROP TABLE account_threat_days;
DROP TRIGGER checklist_results_item_statuses_truncate ON checklist_results;
DROP FUNCTION checklist_results_clear_item_statuses();
DROP TRIGGER checklist_results_item_statuses_delete ON checklist_results;
DROP TRIGGER checklist_results_item_statuses_update ON checklist_results;
DROP TRIGGER checklist_results_item_statuses_insert ON checklist_results;
DROP FUNCTION checklist_results_refresh_item_statuses();
DROP FUNCTION refresh_account_item_statuses(text[]);
DROP TABLE account_item_statuses;
DROP FUNCTION lock_account_read_models(text[]);
