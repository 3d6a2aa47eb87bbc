-- Single sign-on group mappings get the same scope kinds as users: account ids (the existing
-- account_scope), tags and OU ids. Existing rows keep their meaning: no tags, no OUs, so they
-- still see exactly the accounts (or all accounts) they saw before.

-- Up Migration

ALTER TABLE sso_group_mappings ADD COLUMN scope_tags jsonb NOT NULL DEFAULT '[]';
ALTER TABLE sso_group_mappings ADD COLUMN scope_ous text[] NOT NULL DEFAULT '{}';

-- Down Migration

ALTER TABLE sso_group_mappings DROP COLUMN scope_ous;
ALTER TABLE sso_group_mappings DROP COLUMN scope_tags;
