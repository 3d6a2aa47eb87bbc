-- Weekly executive reports (issue 11): stored reports (immutable; a new generation is a new
-- version), their schedules, and e-mail deliveries with retries and the last SMTP error.

-- Up Migration

CREATE TABLE report_schedules (
  id bigserial NOT NULL,
  name text NOT NULL,
  scope jsonb NOT NULL,
  recipients text[] NOT NULL,
  paper text NOT NULL DEFAULT 'a4',
  day_of_week integer NOT NULL,
  time_of_day varchar(5) NOT NULL,
  time_zone text NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  is_default boolean NOT NULL DEFAULT false,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT report_schedules_pkey PRIMARY KEY (id),
  CONSTRAINT report_schedules_paper_check CHECK (paper IN ('a4', 'letter')),
  CONSTRAINT report_schedules_day_check CHECK (day_of_week BETWEEN 1 AND 7),
  CONSTRAINT report_schedules_time_check CHECK (time_of_day ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$')
);

CREATE TABLE reports (
  id bigserial NOT NULL,
  scope jsonb NOT NULL,
  scope_key text NOT NULL,
  week varchar(8) NOT NULL,
  version integer NOT NULL,
  paper text NOT NULL,
  period_start timestamptz(3) NOT NULL,
  period_end timestamptz(3) NOT NULL,
  checklist_version text NOT NULL,
  data_as_of timestamptz(3),
  generated_at timestamptz(3) NOT NULL DEFAULT now(),
  generated_by text NOT NULL,
  schedule_id bigint,
  data jsonb NOT NULL,
  pdf bytea NOT NULL,
  csv bytea NOT NULL,
  preview bytea NOT NULL,
  page_count integer NOT NULL,
  CONSTRAINT reports_pkey PRIMARY KEY (id),
  CONSTRAINT reports_schedule_id_fkey FOREIGN KEY (schedule_id) REFERENCES report_schedules (id) ON DELETE SET NULL ON UPDATE CASCADE,
  CONSTRAINT reports_paper_check CHECK (paper IN ('a4', 'letter')),
  CONSTRAINT reports_week_check CHECK (week ~ '^[0-9]{4}-W[0-9]{2}$')
);
CREATE UNIQUE INDEX reports_scope_key_week_version_key ON reports (scope_key, week, version);
CREATE INDEX reports_generated_at_idx ON reports (generated_at DESC);

CREATE TABLE report_deliveries (
  id bigserial NOT NULL,
  report_id bigint NOT NULL,
  schedule_id bigint,
  recipients text[] NOT NULL,
  status text NOT NULL DEFAULT 'pending',
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  last_attempt_at timestamptz(3),
  sent_at timestamptz(3),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT report_deliveries_pkey PRIMARY KEY (id),
  CONSTRAINT report_deliveries_report_id_fkey FOREIGN KEY (report_id) REFERENCES reports (id) ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT report_deliveries_schedule_id_fkey FOREIGN KEY (schedule_id) REFERENCES report_schedules (id) ON DELETE SET NULL ON UPDATE CASCADE,
  CONSTRAINT report_deliveries_status_check CHECK (status IN ('pending', 'sent', 'retrying', 'failed'))
);
CREATE INDEX report_deliveries_report_id_idx ON report_deliveries (report_id);

-- Down Migration

DROP TABLE report_deliveries;
DROP TABLE reports;
DROP TABLE report_schedules;
