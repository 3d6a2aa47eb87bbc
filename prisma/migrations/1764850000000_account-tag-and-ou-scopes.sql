-- Scopes by tag and Organizations OU: accounts carry their OU path (root first, from
-- Organizations discovery); users may be scoped by tags and OU ids as well as account ids.

-- Up Migration

ALTER TABLE accounts ADD COLUMN ou_path text;
ALTER TABLE users ADD COLUMN scope_tags jsonb NOT NULL DEFAULT '[]';
ALTER TABLE users ADD COLUMN scope_ous text[] NOT NULL DEFAULT '{}';

-- Down Migration

ALTER TABLE users DROP COLUMN scope_ous;
ALTER TABLE users DROP COLUMN scope_tags;
ALTER TABLE accounts DROP COLUMN ou_path;
