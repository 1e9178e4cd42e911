-- API tokens for the server's write endpoints. Only a SHA-256 hash of each
-- token is kept; the token itself is shown once, when it is created.
CREATE TABLE tokens (
    hash       VARCHAR PRIMARY KEY,
    role       VARCHAR NOT NULL,   -- bureau | admin
    label      VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL
);
