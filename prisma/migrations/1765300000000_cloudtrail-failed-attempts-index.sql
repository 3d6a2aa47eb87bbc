-- Up Migration
-- The account page's attempt signals read only failed or denied calls of one account over
-- 30 days. Without this index that query reads every event of the account in the window
-- (about 3,400 heap pages per account at 5M events) to keep the few that failed. The
-- predicate is written exactly as lib/data/checklist/find-account-attempt-signals.ts
-- writes it, so the planner can use the index. Created on the partitioned table, so every
-- month (and DEFAULT, and months the upkeep attaches later) gets it.
CREATE INDEX cloudtrail_events_failed_attempts_idx ON cloudtrail_events (account_id, event_time DESC)
  WHERE (error_code IS NOT NULL OR raw ? 'errorMessage' OR raw->'responseElements'->>'ConsoleLogin' = 'Failure');

-- Down Migration
DROP INDEX IF EXISTS cloudtrail_events_failed_attempts_idx;
