-- Browser sessions. Only a SHA-256 hash of the session id (the cookie's
-- value) is kept. A session ends at expires_at, or earlier when it has
-- been idle past idle_until; each request moves idle_until on.
CREATE TABLE sessions (
    hash       VARCHAR PRIMARY KEY,
    user_name  VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    idle_until TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
