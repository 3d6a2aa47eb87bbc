-- Core model for the walking skeleton: accounts, collection runs and cursors, unified
-- findings, CloudTrail events, service state (trails, detectors, hubs), checklist results,
-- score snapshots, risk acceptances, users and the audit log.
-- Names follow Prisma's conventions (<table>_pkey, <table>_<cols>_idx/_key/_fkey) so that
-- tests/schema-drift.int.test.ts can compare this database with prisma/schema.prisma.

-- Up Migration

CREATE TABLE accounts (
  id varchar(12) NOT NULL,
  name text NOT NULL,
  role_arn text,
  external_id text,
  regions text[] NOT NULL,
  owner text,
  tags jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'pending',
  status_error text,
  last_collected_at timestamptz(3),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT accounts_pkey PRIMARY KEY (id),
  CONSTRAINT accounts_id_check CHECK (id ~ '^[0-9]{12}$'),
  CONSTRAINT accounts_status_check CHECK (status IN ('pending', 'active', 'unreachable', 'disabled', 'data_only'))
);
CREATE INDEX accounts_status_idx ON accounts (status);

CREATE TABLE collection_runs (
  id bigserial NOT NULL,
  account_id varchar(12) NOT NULL,
  status text NOT NULL DEFAULT 'running',
  trigger text NOT NULL DEFAULT 'schedule',
  started_at timestamptz(3) NOT NULL DEFAULT now(),
  finished_at timestamptz(3),
  error text,
  stats jsonb NOT NULL DEFAULT '{}',
  CONSTRAINT collection_runs_pkey PRIMARY KEY (id),
  CONSTRAINT collection_runs_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT collection_runs_status_check CHECK (status IN ('running', 'succeeded', 'partial', 'failed'))
);
CREATE INDEX collection_runs_account_id_started_at_idx ON collection_runs (account_id, started_at DESC);
CREATE INDEX collection_runs_started_at_idx ON collection_runs (started_at DESC);

CREATE TABLE collection_steps (
  id bigserial NOT NULL,
  run_id bigint NOT NULL,
  account_id varchar(12) NOT NULL,
  region text NOT NULL,
  source text NOT NULL,
  status text NOT NULL DEFAULT 'running',
  started_at timestamptz(3) NOT NULL DEFAULT now(),
  finished_at timestamptz(3),
  fetched integer NOT NULL DEFAULT 0,
  inserted integer NOT NULL DEFAULT 0,
  updated integer NOT NULL DEFAULT 0,
  error_code text,
  error text,
  CONSTRAINT collection_steps_pkey PRIMARY KEY (id),
  CONSTRAINT collection_steps_run_id_fkey FOREIGN KEY (run_id) REFERENCES collection_runs (id) ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT collection_steps_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT collection_steps_source_check CHECK (source IN ('guardduty', 'securityhub', 'cloudtrail')),
  CONSTRAINT collection_steps_status_check CHECK (status IN ('running', 'succeeded', 'disabled', 'failed'))
);
CREATE INDEX collection_steps_run_id_idx ON collection_steps (run_id);
CREATE INDEX collection_steps_account_id_source_region_started_at_idx ON collection_steps (account_id, source, region, started_at DESC);

CREATE TABLE source_cursors (
  account_id varchar(12) NOT NULL,
  region text NOT NULL,
  source text NOT NULL,
  position timestamptz(3),
  state text NOT NULL DEFAULT 'ok',
  error_code text,
  error text,
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT source_cursors_pkey PRIMARY KEY (account_id, region, source),
  CONSTRAINT source_cursors_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT source_cursors_state_check CHECK (state IN ('ok', 'disabled', 'error'))
);

CREATE TABLE findings (
  id bigserial NOT NULL,
  source text NOT NULL,
  source_id text NOT NULL,
  account_id varchar(12) NOT NULL,
  region text NOT NULL,
  type text NOT NULL,
  title text NOT NULL,
  description text,
  severity real NOT NULL,
  severity_label text NOT NULL,
  status text NOT NULL,
  workflow_status text,
  record_state text,
  compliance_status text,
  control_id text,
  product_name text,
  resource_type text,
  resource_id text,
  first_seen_at timestamptz(3) NOT NULL,
  last_seen_at timestamptz(3) NOT NULL,
  source_updated_at timestamptz(3) NOT NULL,
  linked_guardduty_id text,
  raw jsonb NOT NULL,
  ingested_at timestamptz(3) NOT NULL DEFAULT now(),
  modified_at timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT findings_pkey PRIMARY KEY (id),
  CONSTRAINT findings_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT findings_source_check CHECK (source IN ('guardduty', 'securityhub')),
  CONSTRAINT findings_severity_check CHECK (severity >= 0 AND severity <= 100),
  CONSTRAINT findings_severity_label_check CHECK (severity_label IN ('INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
  CONSTRAINT findings_status_check CHECK (status IN ('active', 'archived', 'resolved', 'suppressed'))
);
CREATE UNIQUE INDEX findings_source_source_id_key ON findings (source, source_id);
CREATE INDEX findings_account_id_status_severity_label_idx ON findings (account_id, status, severity_label);
CREATE INDEX findings_account_id_control_id_idx ON findings (account_id, control_id);
CREATE INDEX findings_status_severity_idx ON findings (status, severity DESC);
CREATE INDEX findings_linked_guardduty_id_idx ON findings (linked_guardduty_id);
CREATE INDEX findings_source_updated_at_idx ON findings (source_updated_at DESC);

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

CREATE TABLE trails (
  account_id varchar(12) NOT NULL,
  trail_arn text NOT NULL,
  name text NOT NULL,
  home_region text NOT NULL,
  is_multi_region boolean NOT NULL,
  is_logging boolean NOT NULL,
  log_file_validation boolean NOT NULL,
  kms_key_id text,
  cloudwatch_logs_log_group_arn text,
  raw jsonb NOT NULL,
  collected_at timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT trails_pkey PRIMARY KEY (account_id, trail_arn),
  CONSTRAINT trails_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE detectors (
  account_id varchar(12) NOT NULL,
  region text NOT NULL,
  detector_id text NOT NULL,
  status text NOT NULL,
  features jsonb NOT NULL DEFAULT '{}',
  collected_at timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT detectors_pkey PRIMARY KEY (account_id, region),
  CONSTRAINT detectors_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE hubs (
  account_id varchar(12) NOT NULL,
  region text NOT NULL,
  enabled boolean NOT NULL,
  hub_arn text,
  standards text[],
  collected_at timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT hubs_pkey PRIMARY KEY (account_id, region),
  CONSTRAINT hubs_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE checklist_results (
  account_id varchar(12) NOT NULL,
  item_id text NOT NULL,
  domain text NOT NULL,
  status text NOT NULL,
  passing integer,
  total integer,
  reason text NOT NULL,
  evidence jsonb NOT NULL DEFAULT '[]',
  checklist_version text NOT NULL,
  evaluated_at timestamptz(3) NOT NULL,
  CONSTRAINT checklist_results_pkey PRIMARY KEY (account_id, item_id),
  CONSTRAINT checklist_results_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT checklist_results_status_check CHECK (status IN ('pass', 'fail', 'partial', 'not_applicable', 'no_data'))
);
CREATE INDEX checklist_results_item_id_status_idx ON checklist_results (item_id, status);

CREATE TABLE score_snapshots (
  id bigserial NOT NULL,
  account_id varchar(12) NOT NULL,
  day date NOT NULL,
  taken_at timestamptz(3) NOT NULL,
  score real,
  risk_adjusted_score real,
  coverage real NOT NULL,
  domains jsonb NOT NULL,
  items jsonb NOT NULL,
  checklist_version text NOT NULL,
  CONSTRAINT score_snapshots_pkey PRIMARY KEY (id),
  CONSTRAINT score_snapshots_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX score_snapshots_account_id_day_key ON score_snapshots (account_id, day);
CREATE INDEX score_snapshots_day_idx ON score_snapshots (day);

CREATE TABLE risk_acceptances (
  id bigserial NOT NULL,
  account_id varchar(12) NOT NULL,
  item_id text NOT NULL,
  finding_id text,
  reason text NOT NULL,
  owner text NOT NULL,
  expires_at timestamptz(3) NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  revoked_at timestamptz(3),
  CONSTRAINT risk_acceptances_pkey PRIMARY KEY (id),
  CONSTRAINT risk_acceptances_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX risk_acceptances_account_id_expires_at_idx ON risk_acceptances (account_id, expires_at);

CREATE TABLE users (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  email text NOT NULL,
  name text,
  password_hash text,
  role text NOT NULL DEFAULT 'viewer',
  all_accounts boolean NOT NULL DEFAULT false,
  account_scope text[],
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  last_login_at timestamptz(3),
  CONSTRAINT users_pkey PRIMARY KEY (id),
  CONSTRAINT users_role_check CHECK (role IN ('admin', 'analyst', 'viewer'))
);
CREATE UNIQUE INDEX users_email_key ON users (email);

CREATE TABLE audit_log (
  id bigserial NOT NULL,
  at timestamptz(3) NOT NULL DEFAULT now(),
  actor_email text,
  action text NOT NULL,
  target text,
  detail jsonb NOT NULL DEFAULT '{}',
  ip text,
  CONSTRAINT audit_log_pkey PRIMARY KEY (id)
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);

-- Down Migration

DROP TABLE audit_log;
DROP TABLE users;
DROP TABLE risk_acceptances;
DROP TABLE score_snapshots;
DROP TABLE checklist_results;
DROP TABLE hubs;
DROP TABLE detectors;
DROP TABLE trails;
DROP TABLE cloudtrail_events;
DROP TABLE findings;
DROP TABLE source_cursors;
DROP TABLE collection_steps;
DROP TABLE collection_runs;
DROP TABLE accounts;
