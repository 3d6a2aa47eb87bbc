-- CloudTrail events range-partitioned by event_time, one partition per calendar month (UTC).
--
-- Why monthly: retention is counted in days (hundreds of them), so a month is fine-grained
-- enough that a drop keeps at most one month more than asked, and coarse enough that 400
-- days are ~14 partitions (daily would be ~400, which slows planning of every query that
-- cannot prune by time). The console's event reads all filter on a time window, so they
-- prune to the partitions of that window.
--
-- The primary key must contain the partition key, so it becomes (event_id, event_time).
-- A CloudTrail event id is unique and its time never changes; the ingest also refuses an
-- event id already stored under another time (lib/ingest/upsert-events.ts), so there is
-- still one row per event id.
--
-- The DEFAULT partition takes any event no monthly partition covers (an import of old
-- files, a far-future clock), so an insert never fails; the upkeep job
-- (lib/data/events/maintain-event-partitions.ts) moves such rows into their own month.
--
-- Existing rows are kept: the old table is renamed, the partitioned one created under the
-- old names (Prisma's conventions, which tests/schema-drift.int.test.ts compares), rows
-- copied, the old table dropped, all in the migration's one transaction.

-- Up Migration

-- No collection may insert between the copy and the drop.
LOCK TABLE cloudtrail_events IN ACCESS EXCLUSIVE MODE;

ALTER TABLE cloudtrail_events RENAME TO cloudtrail_events_unpartitioned;
ALTER TABLE cloudtrail_events_unpartitioned RENAME CONSTRAINT cloudtrail_events_pkey TO cloudtrail_events_unpartitioned_pkey;
ALTER TABLE cloudtrail_events_unpartitioned RENAME CONSTRAINT cloudtrail_events_account_id_fkey TO cloudtrail_events_unpartitioned_account_id_fkey;
ALTER INDEX cloudtrail_events_account_id_event_time_idx RENAME TO cloudtrail_events_unpartitioned_account_id_event_time_idx;
ALTER INDEX cloudtrail_events_event_name_event_time_idx RENAME TO cloudtrail_events_unpartitioned_event_name_event_time_idx;

CREATE TABLE cloudtrail_events (
  event_id text NOT NULL,
  account_id varchar(12) NOT NULL,
  region text NOT NULL,
  event_name text NOT NULL,
  event_source text NOT NULL,
  event_time timestamptz(3) NOT NULL,
  user_type text,
  user_arn text,
  source_ip text,
  error_code text,
  mfa_used boolean,
  read_only boolean,
  raw jsonb NOT NULL,
  ingested_at timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT cloudtrail_events_pkey PRIMARY KEY (event_id, event_time),
  CONSTRAINT cloudtrail_events_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE ON UPDATE CASCADE
) PARTITION BY RANGE (event_time);
-- Partitioned indexes: every partition gets its own copy, created with it.
CREATE INDEX cloudtrail_events_account_id_event_time_idx ON cloudtrail_events (account_id, event_time DESC);
CREATE INDEX cloudtrail_events_event_name_event_time_idx ON cloudtrail_events (event_name, event_time DESC);

CREATE TABLE cloudtrail_events_default PARTITION OF cloudtrail_events DEFAULT;

-- One partition per month that holds rows today, plus the months from 90 days back (the most
-- a first collection reads) to two months ahead (what the upkeep job keeps), so no stored or
-- newly collected event lands in DEFAULT.
-- Month arithmetic on UTC wall-clock timestamps: independent of the session's TimeZone.
DO $$
DECLARE
  month timestamp;
BEGIN
  FOR month IN
    SELECT date_trunc('month', event_time AT TIME ZONE 'UTC') FROM cloudtrail_events_unpartitioned
    UNION
    SELECT generate_series(
      date_trunc('month', (now() - interval '90 days') AT TIME ZONE 'UTC'),
      date_trunc('month', now() AT TIME ZONE 'UTC') + interval '2 months',
      interval '1 month'
    )
  LOOP
    EXECUTE format(
      'CREATE TABLE %I PARTITION OF cloudtrail_events FOR VALUES FROM (%L) TO (%L)',
      'cloudtrail_events_' || to_char(month, '"y"YYYY"m"MM'),
      month::text || '+00',
      (month + interval '1 month')::text || '+00'
    );
  END LOOP;
END
$$;

INSERT INTO cloudtrail_events (event_id, account_id, region, event_name, event_source, event_time, user_type, user_arn, source_ip,
  error_code, mfa_used, read_only, raw, ingested_at)
SELECT event_id, account_id, region, event_name, event_source, event_time, user_type, user_arn, source_ip,
  error_code, mfa_used, read_only, raw, ingested_at
FROM cloudtrail_events_unpartitioned;

DROP TABLE cloudtrail_events_unpartitioned;

-- Down Migration

LOCK TABLE cloudtrail_events IN ACCESS EXCLUSIVE MODE;
ALTER TABLE cloudtrail_events RENAME TO cloudtrail_events_partitioned;
ALTER TABLE cloudtrail_events_partitioned RENAME CONSTRAINT cloudtrail_events_pkey TO cloudtrail_events_partitioned_pkey;
ALTER TABLE cloudtrail_events_partitioned RENAME CONSTRAINT cloudtrail_events_account_id_fkey TO cloudtrail_events_partitioned_account_id_fkey;
ALTER INDEX cloudtrail_events_account_id_event_time_idx RENAME TO cloudtrail_events_partitioned_account_id_event_time_idx;
ALTER INDEX cloudtrail_events_event_name_event_time_idx RENAME TO cloudtrail_events_partitioned_event_name_event_time_idx;

CREATE TABLE cloudtrail_events (
  event_id text NOT NULL,
  account_id varchar(12) NOT NULL,
  region text NOT NULL,
  event_name text NOT NULL,
  event_source text NOT NULL,
  event_time timestamptz(3) NOT NULL,
  user_type text,
  user_arn text,
  source_ip text,
  error_code text,
  mfa_used boolean,
  read_only boolean,
  raw jsonb NOT NULL,
  ingested_at timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT cloudtrail_events_pkey PRIMARY KEY (event_id),
  CONSTRAINT cloudtrail_events_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX cloudtrail_events_account_id_event_time_idx ON cloudtrail_events (account_id, event_time DESC);
CREATE INDEX cloudtrail_events_event_name_event_time_idx ON cloudtrail_events (event_name, event_time DESC);

INSERT INTO cloudtrail_events (event_id, account_id, region, event_name, event_source, event_time, user_type, user_arn, source_ip,
  error_code, mfa_used, read_only, raw, ingested_at)
SELECT DISTINCT ON (event_id) event_id, account_id, region, event_name, event_source, event_time, user_type, user_arn, source_ip,
  error_code, mfa_used, read_only, raw, ingested_at
FROM cloudtrail_events_partitioned
ORDER BY event_id, event_time;

DROP TABLE cloudtrail_events_partitioned;
