-- When a token was revoked; a revoked token is refused but its row stays,
-- so "token list" shows what existed and when it stopped working.
ALTER TABLE tokens ADD COLUMN revoked_at TIMESTAMP;
