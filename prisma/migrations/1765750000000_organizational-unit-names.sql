-- The names of AWS Organizations roots and OUs, read by discovery (ListRoots,
-- DescribeOrganizationalUnit): accounts carry OU ids on their paths, and the OU filter and
-- the scope pickers showed only those ids. A label only: scopes and filters select by id,
-- so a missing name shows the id and nothing else changes.

-- Up Migration

CREATE TABLE organizational_units (
  id text PRIMARY KEY,
  name text NOT NULL,
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);

-- Down Migration

DROP TABLE organizational_units;
