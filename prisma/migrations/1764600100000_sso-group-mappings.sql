-- Single sign-on: an identity provider's group (or role) claim value mapped to a Parapet
-- role and account scope, edited by admins in the console.

-- Up Migration

CREATE TABLE sso_group_mappings (
  id bigserial NOT NULL,
  group_name text NOT NULL,
  role text NOT NULL,
  all_accounts boolean NOT NULL DEFAULT false,
  account_scope text[] NOT NULL DEFAULT '{}',
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  CONSTRAINT sso_group_mappings_pkey PRIMARY KEY (id),
  CONSTRAINT sso_group_mappings_role_check CHECK (role IN ('admin', 'analyst', 'viewer'))
);
CREATE UNIQUE INDEX sso_group_mappings_group_name_key ON sso_group_mappings (group_name);

-- Where a user comes from: 'local' (a Parapet password) or 'sso' (created at first single sign-on).
ALTER TABLE users ADD COLUMN auth_source text NOT NULL DEFAULT 'local';

-- Down Migration

ALTER TABLE users DROP COLUMN auth_source;
DROP TABLE sso_group_mappings;
