-- The findings explorer pages by keyset on (severity, id) or (last_seen_at, id) within a
-- status; these indexes let PostgreSQL read each page in order instead of sorting all
-- matching findings (millions at scale).

-- Up Migration

DROP INDEX findings_status_severity_idx;
CREATE INDEX findings_status_severity_id_idx ON findings (status, severity DESC, id DESC);
CREATE INDEX findings_status_last_seen_at_id_idx ON findings (status, last_seen_at DESC, id DESC);

-- Down Migration

DROP INDEX findings_status_last_seen_at_id_idx;
DROP INDEX findings_status_severity_id_idx;
CREATE INDEX findings_status_severity_idx ON findings (status, severity DESC);
