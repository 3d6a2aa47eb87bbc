-- Read models of the scores, so the overview's cost grows with accounts (and the trend's
-- with days), not with accounts x days or the width of a snapshot.
--
-- 1. org_score_days: the org roll-up per day (Σ of the four pooled weights and the number
--    of accounts, over every account that is not data_only), what an all-accounts user's
--    trend reads: 84 rows instead of 500 x 84 snapshots.
-- 2. account_latest_scores: per account, the narrow columns the overview reads from its
--    latest snapshot, with what used to be computed per request precomputed: the heat
--    map's cells (score and coverage per domain, without the weights), the newest imported
--    source and the number of stale sources (two scans of `sources`), and the score of the
--    latest snapshot at least 7 days older ("last week").
--
-- Both are maintained by triggers, inside whatever transaction writes score_snapshots (the
-- scoring transaction, the bench's seed, a cascade from deleting an account) or changes an
-- account's data_only status (which decides what the trend counts, for past days too). A
-- trigger and not application code because every path that changes what counts is then
-- covered, including ones that do not go through lib/data/scores (registering an account
-- that imports created, deleting one, a hand-written fix).
--
-- Each refresh recomputes the affected days / accounts from score_snapshots rather than
-- applying deltas: floating-point deltas drift from the sum, and a recompute is the same
-- query as the old one, restricted to a day. Under READ COMMITTED, two transactions that
-- each recompute "the day" would each miss the other's uncommitted row, so a refresh first
-- takes a transaction-scoped advisory lock per day (per account for the latest row), in
-- ascending order (accounts before days), and recomputes in a later statement: a volatile
-- PL/pgSQL function takes a fresh snapshot per statement, so that statement sees every
-- transaction that held the lock before (they have committed, or the lock would not be
-- ours). The second of two concurrent scorings of the same day waits for the first to
-- commit, for the few milliseconds of one day's sum.

-- Up Migration

CREATE TABLE org_score_days (
  day date NOT NULL,
  earned_weight double precision NOT NULL,
  risk_adjusted_earned_weight double precision NOT NULL,
  weight_with_data double precision NOT NULL,
  weight_applicable double precision NOT NULL,
  accounts integer NOT NULL,
  CONSTRAINT org_score_days_pkey PRIMARY KEY (day)
);

CREATE TABLE account_latest_scores (
  account_id varchar(12) NOT NULL,
  day date NOT NULL,
  taken_at timestamptz(3) NOT NULL,
  score real,
  risk_adjusted_score real,
  coverage real NOT NULL,
  domain_cells jsonb NOT NULL,
  evidence_as_of timestamptz(3),
  imported_as_of timestamptz(3),
  stale_sources integer NOT NULL,
  active_critical integer NOT NULL,
  active_high integer NOT NULL,
  active_medium integer NOT NULL,
  active_low integer NOT NULL,
  active_informational integer NOT NULL,
  week_ago_score real,
  CONSTRAINT account_latest_scores_pkey PRIMARY KEY (account_id),
  CONSTRAINT account_latest_scores_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE ON UPDATE CASCADE
);

-- Advisory lock keys: (1765400, day - 2000-01-01) for a day, (1765401, hashtext(account id))
-- for an account (a hash collision only makes two accounts' refreshes take turns).
CREATE FUNCTION refresh_org_score_days(days date[]) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  locked date;
BEGIN
  IF cardinality(days) IS NULL OR cardinality(days) = 0 THEN RETURN; END IF;
  FOR locked IN SELECT DISTINCT d FROM unnest(days) AS d WHERE d IS NOT NULL ORDER BY d LOOP
    PERFORM pg_advisory_xact_lock(1765400, locked - DATE '2000-01-01');
  END LOOP;
  DELETE FROM org_score_days WHERE day = ANY(days);
  INSERT INTO org_score_days (day, earned_weight, risk_adjusted_earned_weight, weight_with_data, weight_applicable, accounts)
  SELECT s.day, sum(s.earned_weight), sum(s.risk_adjusted_earned_weight), sum(s.weight_with_data), sum(s.weight_applicable), count(*)
  FROM score_snapshots s
  JOIN accounts a ON a.id = s.account_id
  WHERE s.day = ANY(days) AND a.status <> 'data_only'
  GROUP BY s.day;
END;
$$;

CREATE FUNCTION refresh_account_latest_scores(ids text[]) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  locked text;
BEGIN
  IF cardinality(ids) IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  FOR locked IN SELECT DISTINCT i FROM unnest(ids) AS i WHERE i IS NOT NULL ORDER BY i LOOP
    PERFORM pg_advisory_xact_lock(1765401, hashtext(locked));
  END LOOP;
  DELETE FROM account_latest_scores WHERE account_id = ANY(ids);
  INSERT INTO account_latest_scores (account_id, day, taken_at, score, risk_adjusted_score, coverage, domain_cells, evidence_as_of,
                                     imported_as_of, stale_sources, active_critical, active_high, active_medium, active_low,
                                     active_informational, week_ago_score)
  SELECT s.account_id, s.day, s.taken_at, s.score, s.risk_adjusted_score, s.coverage,
         COALESCE((SELECT jsonb_object_agg(d.key, jsonb_build_object('score', d.value -> 'score', 'coverage', d.value -> 'coverage'))
                   FROM jsonb_each(s.domains) AS d), '{}'::jsonb),
         s.evidence_as_of,
         (SELECT max(src ->> 'asOf') FROM jsonb_array_elements(s.sources) AS src
          WHERE src ->> 'origin' = 'imported' AND src ->> 'state' = 'ok')::timestamptz,
         (SELECT count(*) FROM jsonb_array_elements(s.sources) AS src WHERE src ->> 'state' = 'stale')::int,
         s.active_critical, s.active_high, s.active_medium, s.active_low, s.active_informational,
         (SELECT w.score FROM score_snapshots w WHERE w.account_id = s.account_id AND w.day <= s.day - 7 ORDER BY w.day DESC LIMIT 1)
  FROM (
    SELECT DISTINCT ON (account_id) * FROM score_snapshots WHERE account_id = ANY(ids) ORDER BY account_id, day DESC
  ) s;
END;
$$;

CREATE FUNCTION score_snapshots_refresh_read_models() RETURNS trigger LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  -- Accounts before days: every refresh takes its locks in that order, so two cannot wait on each other.
  IF TG_OP = 'INSERT' THEN
    PERFORM refresh_account_latest_scores(ARRAY(SELECT DISTINCT account_id::text FROM new_rows));
    PERFORM refresh_org_score_days(ARRAY(SELECT DISTINCT day FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM refresh_account_latest_scores(ARRAY(SELECT account_id::text FROM new_rows UNION SELECT account_id::text FROM old_rows));
    PERFORM refresh_org_score_days(ARRAY(SELECT day FROM new_rows UNION SELECT day FROM old_rows));
  ELSE
    PERFORM refresh_account_latest_scores(ARRAY(SELECT DISTINCT account_id::text FROM old_rows));
    PERFORM refresh_org_score_days(ARRAY(SELECT DISTINCT day FROM old_rows));
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER score_snapshots_read_models_insert AFTER INSERT ON score_snapshots
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION score_snapshots_refresh_read_models();
CREATE TRIGGER score_snapshots_read_models_update AFTER UPDATE ON score_snapshots
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION score_snapshots_refresh_read_models();
CREATE TRIGGER score_snapshots_read_models_delete AFTER DELETE ON score_snapshots
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION score_snapshots_refresh_read_models();

CREATE FUNCTION score_snapshots_clear_read_models() RETURNS trigger LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  DELETE FROM org_score_days;
  DELETE FROM account_latest_scores;
  RETURN NULL;
END;
$$;
CREATE TRIGGER score_snapshots_read_models_truncate AFTER TRUNCATE ON score_snapshots
  FOR EACH STATEMENT EXECUTE FUNCTION score_snapshots_clear_read_models();

-- Whether an account is data_only decides whether the trend counts it, on every day it has
-- a snapshot. A statement trigger (transition tables cannot be combined with UPDATE OF a
-- column): the join finds nothing for the usual update (last collected, status error) and
-- returns at once.
CREATE FUNCTION accounts_refresh_org_score_days() RETURNS trigger LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM refresh_org_score_days(ARRAY(
    SELECT DISTINCT s.day
    FROM old_accounts o
    JOIN new_accounts n ON n.id = o.id
    JOIN score_snapshots s ON s.account_id = n.id
    WHERE (o.status = 'data_only') <> (n.status = 'data_only')));
  RETURN NULL;
END;
$$;
CREATE TRIGGER accounts_data_only_refresh_org_score_days AFTER UPDATE ON accounts
  REFERENCING OLD TABLE AS old_accounts NEW TABLE AS new_accounts FOR EACH STATEMENT EXECUTE FUNCTION accounts_refresh_org_score_days();

-- Backfill from the existing snapshots, with the functions the triggers use.
SELECT refresh_account_latest_scores(ARRAY(SELECT DISTINCT account_id::text FROM score_snapshots));
SELECT refresh_org_score_days(ARRAY(SELECT DISTINCT day FROM score_snapshots));

-- Down Migration

DROP TRIGGER accounts_data_only_refresh_org_score_days ON accounts;
DROP FUNCTION accounts_refresh_org_score_days();
DROP TRIGGER score_snapshots_read_models_truncate ON score_snapshots;
DROP FUNCTION score_snapshots_clear_read_models();
DROP TRIGGER score_snapshots_read_models_delete ON score_snapshots;
DROP TRIGGER score_snapshots_read_models_update ON score_snapshots;
DROP TRIGGER score_snapshots_read_models_insert ON score_snapshots;
DROP FUNCTION score_snapshots_refresh_read_models();
DROP FUNCTION refresh_account_latest_scores(text[]);
DROP FUNCTION refresh_org_score_days(date[]);
DROP TABLE account_latest_scores;
DROP TABLE org_score_days;
