-- Org-wide roll-ups of the overview's last two per-account reads, for users who see every
-- account (as org_score_days is for the trend): "checklist items failing in the most
-- accounts" unnested ~35,000 array elements of account_item_statuses and "new critical and
-- high threats by day" summed ~7,000 account_threat_days rows on every overview request at
-- 500 accounts (4 ms and 3 ms of PostgreSQL time, the largest two of the page's eight reads;
-- bench/README.md, "full size after round 5").
--
-- Each roll-up is a journal of integer deltas, not a row per item or day that every scoring
-- updates: a scoring transaction only INSERTs the change it makes (an item that went from
-- pass to fail: one row), so concurrent scorings never wait on each other's rows or locks,
-- and no new lock joins the order every refresh takes (account, then day) that could
-- deadlock against an account's deletion. The reader sums the journal (GROUP BY item or
-- day). Integer deltas do not drift, unlike the floating-point weights org_score_days
-- recomputes for that reason.
--
-- The deltas come from triggers on the per-account models themselves (INSERT, UPDATE,
-- DELETE, with transition tables, and TRUNCATE), so every way a row changes is covered: a
-- refresh, an account's deletion (the foreign key's cascade), a hand-written fix. What a
-- row contributes is decided by the row alone, through its new `counted` column (the
-- account is not data_only, which the overview has always left out): a trigger on accounts
-- flips it when an account's data_only status changes, under the account's advisory lock,
-- so it orders with the account's refreshes, and the flip itself journals the account's
-- rows in or out. The refreshes now upsert and skip rows whose values are unchanged, so a
-- rescoring that changes nothing journals nothing (a DELETE and re-INSERT of every row
-- would journal two rows per item per scoring).
--
-- The journal is compacted by the writers: when a statement's inserts cross a multiple of
-- 512 in the journal's id sequence, it folds the whole journal into one row per key, if it
-- gets a transaction-scoped try-lock (never waits: a concurrent compaction is simply left
-- to the next crossing). Under READ COMMITTED the folding statement runs after the lock is
-- held, so it sees every committed row, and rows inserted after its snapshot stay for the
-- next compaction: each delta is folded exactly once.

-- Up Migration

ALTER TABLE account_item_statuses ADD COLUMN counted boolean NOT NULL DEFAULT true;
ALTER TABLE account_threat_days ADD COLUMN counted boolean NOT NULL DEFAULT true;
UPDATE account_item_statuses s SET counted = false FROM accounts a WHERE a.id = s.account_id AND a.status = 'data_only';
UPDATE account_threat_days t SET counted = false FROM accounts a WHERE a.id = t.account_id AND a.status = 'data_only';

CREATE TABLE org_item_status_deltas (
  id bigserial NOT NULL,
  item_id text NOT NULL,
  failing integer NOT NULL,
  partial integer NOT NULL,
  with_data integer NOT NULL,
  CONSTRAINT org_item_status_deltas_pkey PRIMARY KEY (id)
);

CREATE TABLE org_threat_day_deltas (
  id bigserial NOT NULL,
  day date NOT NULL,
  critical integer NOT NULL,
  high integer NOT NULL,
  CONSTRAINT org_threat_day_deltas_pkey PRIMARY KEY (id)
);

-- Try-lock keys: (1765600, 1) for the item journal, (1765600, 2) for the threat journal.
CREATE FUNCTION compact_org_item_status_deltas() RETURNS void LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF NOT pg_try_advisory_xact_lock(1765600, 1) THEN RETURN; END IF;
  WITH folded AS (DELETE FROM org_item_status_deltas RETURNING item_id, failing, partial, with_data)
  INSERT INTO org_item_status_deltas (item_id, failing, partial, with_data)
  SELECT item_id, sum(failing), sum(partial), sum(with_data)
  FROM folded
  GROUP BY item_id
  HAVING sum(failing) <> 0 OR sum(partial) <> 0 OR sum(with_data) <> 0;
END;
$$;

CREATE FUNCTION compact_org_threat_day_deltas() RETURNS void LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF NOT pg_try_advisory_xact_lock(1765600, 2) THEN RETURN; END IF;
  WITH folded AS (DELETE FROM org_threat_day_deltas RETURNING day, critical, high)
  INSERT INTO org_threat_day_deltas (day, critical, high)
  SELECT day, sum(critical), sum(high)
  FROM folded
  GROUP BY day
  HAVING sum(critical) <> 0 OR sum(high) <> 0;
END;
$$;

-- One statement's rows of account_item_statuses in (+1) and out (-1), netted per item. The
-- transition tables exist only in the trigger of their operation, hence the three branches.
CREATE FUNCTION account_item_statuses_journal() RETURNS trigger LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  added integer;
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO org_item_status_deltas (item_id, failing, partial, with_data)
    SELECT u.item_id, count(*) FILTER (WHERE u.status = 'fail'), count(*) FILTER (WHERE u.status = 'partial'), count(*)
    FROM new_rows n CROSS JOIN LATERAL unnest(n.item_ids, n.statuses) AS u(item_id, status)
    WHERE n.counted
    GROUP BY u.item_id;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO org_item_status_deltas (item_id, failing, partial, with_data)
    SELECT d.item_id, sum(d.sign * (d.status = 'fail')::int), sum(d.sign * (d.status = 'partial')::int), sum(d.sign)
    FROM (
      SELECT 1 AS sign, u.item_id, u.status
      FROM new_rows n CROSS JOIN LATERAL unnest(n.item_ids, n.statuses) AS u(item_id, status)
      WHERE n.counted
      UNION ALL
      SELECT -1, u.item_id, u.status
      FROM old_rows o CROSS JOIN LATERAL unnest(o.item_ids, o.statuses) AS u(item_id, status)
      WHERE o.counted
    ) d
    GROUP BY d.item_id
    HAVING sum(d.sign * (d.status = 'fail')::int) <> 0 OR sum(d.sign * (d.status = 'partial')::int) <> 0 OR sum(d.sign) <> 0;
  ELSE
    INSERT INTO org_item_status_deltas (item_id, failing, partial, with_data)
    SELECT u.item_id, -count(*) FILTER (WHERE u.status = 'fail'), -count(*) FILTER (WHERE u.status = 'partial'), -count(*)
    FROM old_rows o CROSS JOIN LATERAL unnest(o.item_ids, o.statuses) AS u(item_id, status)
    WHERE o.counted
    GROUP BY u.item_id;
  END IF;
  GET DIAGNOSTICS added = ROW_COUNT;
  IF added > 0 AND currval('org_item_status_deltas_id_seq') % 512 < added THEN
    PERFORM compact_org_item_status_deltas();
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER account_item_statuses_journal_insert AFTER INSERT ON account_item_statuses
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION account_item_statuses_journal();
CREATE TRIGGER account_item_statuses_journal_update AFTER UPDATE ON account_item_statuses
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION account_item_statuses_journal();
CREATE TRIGGER account_item_statuses_journal_delete AFTER DELETE ON account_item_statuses
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION account_item_statuses_journal();

CREATE FUNCTION account_threat_days_journal() RETURNS trigger LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  added integer;
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO org_threat_day_deltas (day, critical, high)
    SELECT n.day, sum(n.critical), sum(n.high) FROM new_rows n WHERE n.counted GROUP BY n.day;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO org_threat_day_deltas (day, critical, high)
    SELECT d.day, sum(d.critical), sum(d.high)
    FROM (
      SELECT n.day, n.critical, n.high FROM new_rows n WHERE n.counted
      UNION ALL
      SELECT o.day, -o.critical, -o.high FROM old_rows o WHERE o.counted
    ) d
    GROUP BY d.day
    HAVING sum(d.critical) <> 0 OR sum(d.high) <> 0;
  ELSE
    INSERT INTO org_threat_day_deltas (day, critical, high)
    SELECT o.day, -sum(o.critical), -sum(o.high) FROM old_rows o WHERE o.counted GROUP BY o.day;
  END IF;
  GET DIAGNOSTICS added = ROW_COUNT;
  IF added > 0 AND currval('org_threat_day_deltas_id_seq') % 512 < added THEN
    PERFORM compact_org_threat_day_deltas();
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER account_threat_days_journal_insert AFTER INSERT ON account_threat_days
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION account_threat_days_journal();
CREATE TRIGGER account_threat_days_journal_update AFTER UPDATE ON account_threat_days
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION account_threat_days_journal();
CREATE TRIGGER account_threat_days_journal_delete AFTER DELETE ON account_threat_days
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION account_threat_days_journal();

-- TRUNCATE has no transition table: emptying a model empties its journal.
CREATE FUNCTION account_item_statuses_clear_journal() RETURNS trigger LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  DELETE FROM org_item_status_deltas;
  RETURN NULL;
END;
$$;
CREATE TRIGGER account_item_statuses_journal_truncate AFTER TRUNCATE ON account_item_statuses
  FOR EACH STATEMENT EXECUTE FUNCTION account_item_statuses_clear_journal();
CREATE FUNCTION account_threat_days_clear_journal() RETURNS trigger LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  DELETE FROM org_threat_day_deltas;
  RETURN NULL;
END;
$$;
CREATE TRIGGER account_threat_days_journal_truncate AFTER TRUNCATE ON account_threat_days
  FOR EACH STATEMENT EXECUTE FUNCTION account_threat_days_clear_journal();

-- The refreshes of migration 1765500000000, now upserts that leave an unchanged row alone
-- and set `counted` from the account's status.
CREATE OR REPLACE FUNCTION refresh_account_item_statuses(ids text[]) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF cardinality(ids) IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  PERFORM lock_account_read_models(ids);
  -- Accounts with no pass/fail/partial result left, and accounts being deleted (the
  -- cascade removes their results first and the account row with them).
  DELETE FROM account_item_statuses s
  WHERE s.account_id = ANY(ids)
    AND (NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = s.account_id)
         OR NOT EXISTS (SELECT 1 FROM checklist_results r WHERE r.account_id = s.account_id AND r.status IN ('pass', 'fail', 'partial')));
  INSERT INTO account_item_statuses AS s (account_id, item_ids, statuses, counted)
  SELECT r.account_id, array_agg(r.item_id ORDER BY r.item_id), array_agg(r.status ORDER BY r.item_id), bool_and(a.status <> 'data_only')
  FROM checklist_results r
  JOIN accounts a ON a.id = r.account_id
  WHERE r.account_id = ANY(ids) AND r.status IN ('pass', 'fail', 'partial')
  GROUP BY r.account_id
  ON CONFLICT (account_id) DO UPDATE SET item_ids = EXCLUDED.item_ids, statuses = EXCLUDED.statuses, counted = EXCLUDED.counted
  WHERE (s.item_ids, s.statuses, s.counted) IS DISTINCT FROM (EXCLUDED.item_ids, EXCLUDED.statuses, EXCLUDED.counted);
END;
$$;

CREATE OR REPLACE FUNCTION refresh_account_threat_days(ids text[]) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF cardinality(ids) IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  PERFORM lock_account_read_models(ids);
  -- Days with no critical/high GuardDuty finding left (a downgraded severity, a deleted
  -- finding), read through the partial index on (account_id, first_seen_at).
  DELETE FROM account_threat_days t
  WHERE t.account_id = ANY(ids)
    AND NOT EXISTS (
      SELECT 1 FROM findings f
      WHERE f.account_id = t.account_id AND f.source = 'guardduty' AND f.severity_label IN ('CRITICAL', 'HIGH')
        AND f.first_seen_at >= t.day::timestamp AT TIME ZONE 'UTC' AND f.first_seen_at < (t.day + 1)::timestamp AT TIME ZONE 'UTC');
  INSERT INTO account_threat_days AS t (account_id, day, critical, high, counted)
  SELECT f.account_id, (f.first_seen_at AT TIME ZONE 'UTC')::date,
         count(*) FILTER (WHERE f.severity_label = 'CRITICAL'), count(*) FILTER (WHERE f.severity_label = 'HIGH'),
         bool_and(a.status <> 'data_only')
  FROM findings f
  JOIN accounts a ON a.id = f.account_id
  WHERE f.account_id = ANY(ids) AND f.source = 'guardduty' AND f.severity_label IN ('CRITICAL', 'HIGH')
  GROUP BY 1, 2
  ON CONFLICT (account_id, day) DO UPDATE SET critical = EXCLUDED.critical, high = EXCLUDED.high, counted = EXCLUDED.counted
  WHERE (t.critical, t.high, t.counted) IS DISTINCT FROM (EXCLUDED.critical, EXCLUDED.high, EXCLUDED.counted);
END;
$$;

-- An account that becomes data_only (or stops being) journals its rows out (or in). Under
-- the account's advisory lock, then in a later statement (a fresh snapshot): a refresh of
-- the account that held the lock has committed, and its rows are the ones flipped.
CREATE FUNCTION accounts_refresh_counted() RETURNS trigger LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  flipped text[];
BEGIN
  flipped := ARRAY(
    SELECT n.id::text FROM old_accounts o JOIN new_accounts n ON n.id = o.id
    WHERE (o.status = 'data_only') <> (n.status = 'data_only'));
  IF cardinality(flipped) = 0 THEN RETURN NULL; END IF;
  PERFORM lock_account_read_models(flipped);
  UPDATE account_item_statuses s SET counted = (a.status <> 'data_only')
  FROM accounts a
  WHERE a.id = s.account_id AND s.account_id = ANY(flipped) AND s.counted <> (a.status <> 'data_only');
  UPDATE account_threat_days t SET counted = (a.status <> 'data_only')
  FROM accounts a
  WHERE a.id = t.account_id AND t.account_id = ANY(flipped) AND t.counted <> (a.status <> 'data_only');
  RETURN NULL;
END;
$$;
CREATE TRIGGER accounts_data_only_refresh_counted AFTER UPDATE ON accounts
  REFERENCING OLD TABLE AS old_accounts NEW TABLE AS new_accounts FOR EACH STATEMENT EXECUTE FUNCTION accounts_refresh_counted();

-- Backfill: the journals start as one row per key, the sum of the models as they stand.
INSERT INTO org_item_status_deltas (item_id, failing, partial, with_data)
SELECT u.item_id, count(*) FILTER (WHERE u.status = 'fail'), count(*) FILTER (WHERE u.status = 'partial'), count(*)
FROM account_item_statuses s CROSS JOIN LATERAL unnest(s.item_ids, s.statuses) AS u(item_id, status)
WHERE s.counted
GROUP BY u.item_id;
INSERT INTO org_threat_day_deltas (day, critical, high)
SELECT day, sum(critical), sum(high) FROM account_threat_days WHERE counted GROUP BY day;

-- Down Migration

DROP TRIGGER accounts_data_only_refresh_counted ON accounts;
DROP FUNCTION accounts_refresh_counted();
CREATE OR REPLACE FUNCTION refresh_account_threat_days(ids text[]) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
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
CREATE OR REPLACE FUNCTION refresh_account_item_statuses(ids text[]) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF cardinality(ids) IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  PERFORM lock_account_read_models(ids);
  DELETE FROM account_item_statuses WHERE account_id = ANY(ids);
  INSERT INTO account_item_statuses (account_id, item_ids, statuses)
  SELECT r.account_id, array_agg(r.item_id ORDER BY r.item_id), array_agg(r.status ORDER BY r.item_id)
  FROM checklist_results r
  WHERE r.account_id = ANY(ids) AND r.status IN ('pass', 'fail', 'partial')
    AND EXISTS (SELECT 1 FROM accounts a WHERE a.id = r.account_id)
  GROUP BY r.account_id;
END;
$$;
DROP TRIGGER account_threat_days_journal_truncate ON account_threat_days;
DROP FUNCTION account_threat_days_clear_journal();
DROP TRIGGER account_item_statuses_journal_truncate ON account_item_statuses;
DROP FUNCTION account_item_statuses_clear_journal();
DROP TRIGGER account_threat_days_journal_delete ON account_threat_days;
DROP TRIGGER account_threat_days_journal_update ON account_threat_days;
DROP TRIGGER account_threat_days_journal_insert ON account_threat_days;
DROP FUNCTION account_threat_days_journal();
DROP TRIGGER account_item_statuses_journal_delete ON account_item_statuses;
DROP TRIGGER account_item_statuses_journal_update ON account_item_statuses;
DROP TRIGGER account_item_statuses_journal_insert ON account_item_statuses;
DROP FUNCTION account_item_statuses_journal();
DROP FUNCTION compact_org_threat_day_deltas();
DROP FUNCTION compact_org_item_status_deltas();
DROP TABLE org_threat_day_deltas;
DROP TABLE org_item_status_deltas;
ALTER TABLE account_threat_days DROP COLUMN counted;
ALTER TABLE account_item_statuses DROP COLUMN counted;
