-- Sign-in throttling counts an email's recent failed logins on every attempt.

-- Up Migration

CREATE INDEX audit_log_actor_email_action_at_idx ON audit_log (actor_email, action, at DESC);

-- Down Migration

DROP INDEX audit_log_actor_email_action_at_idx;
