-- Sessions that can be ended, per-IP sign-in throttling, and an append-only audit log.

-- Up Migration

-- Bumped by "sign out everywhere", an admin's "end sessions", a password reset or a role
-- change: every token carries the version it was issued under and is refused once it differs.
ALTER TABLE users ADD COLUMN session_version integer NOT NULL DEFAULT 1;

-- One row per signed-out session (the token's sid), kept until the token could no longer
-- be valid anyway (its absolute maximum age), so a saved cookie stops working at sign-out.
CREATE TABLE ended_sessions (
  sid uuid NOT NULL,
  user_id uuid NOT NULL,
  ended_at timestamptz(3) NOT NULL DEFAULT now(),
  expires_at timestamptz(3) NOT NULL,
  CONSTRAINT ended_sessions_pkey PRIMARY KEY (sid)
);
CREATE INDEX ended_sessions_expires_at_idx ON ended_sessions (expires_at);

-- Throttling counts one source address's recent failures across every e-mail.
CREATE INDEX audit_log_ip_action_at_idx ON audit_log (ip, action, at DESC);

-- The audit trail is evidence: the database itself refuses to change or remove a row,
-- whatever the application (or someone with its credentials) asks.
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

-- Down Migration

DROP TRIGGER audit_log_no_truncate ON audit_log;
DROP TRIGGER audit_log_append_only ON audit_log;
DROP FUNCTION audit_log_refuse_change();
DROP INDEX audit_log_ip_action_at_idx;
DROP TABLE ended_sessions;
ALTER TABLE users DROP COLUMN session_version;
