-- Issue 10: which Security Hub controls are enabled in each enabled standard (so "no
-- finding" can be told apart: no resources in scope, control disabled, or not evaluated
-- yet), and the freshness each score snapshot was computed with ("evidence as of", and
-- every source with its origin: collected or imported).

-- Up Migration

CREATE TABLE control_enablement (
  account_id varchar(12) NOT NULL,
  region text NOT NULL,
  standards_control_arn text NOT NULL,
  standard_arn text NOT NULL,
  standard_name text NOT NULL,
  control_id text NOT NULL,
  status text NOT NULL,
  disabled_reason text,
  status_since timestamptz(3),
  collected_at timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT control_enablement_pkey PRIMARY KEY (account_id, region, standards_control_arn),
  CONSTRAINT control_enablement_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE ON UPDATE CASCADE
);

ALTER TABLE score_snapshots ADD COLUMN evidence_as_of timestamptz(3);
ALTER TABLE score_snapshots ADD COLUMN sources jsonb NOT NULL DEFAULT '[]';

-- Down Migration

ALTER TABLE score_snapshots DROP COLUMN sources;
ALTER TABLE score_snapshots DROP COLUMN evidence_as_of;
DROP TABLE control_enablement;
