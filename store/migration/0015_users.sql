-- People who sign in to the web app. The password is kept only as a
-- PBKDF2 hash with its salt and cost ("pbkdf2-sha256$iterations$salt$key");
-- a disabled user keeps the row (for the record) but cannot sign in.
CREATE TABLE users (
    name                VARCHAR PRIMARY KEY,
    role                VARCHAR NOT NULL,   -- bureau | planner | admin
    password_hash       VARCHAR NOT NULL,
    disabled            BOOLEAN NOT NULL DEFAULT false,
    created_at          TIMESTAMP NOT NULL,
    password_changed_at TIMESTAMP NOT NULL
);
