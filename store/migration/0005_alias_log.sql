-- Every alias added or removed by hand (plangap alias add/remove), with who
-- and when. The current aliases stay in indicators.aliases, where the
-- loader reads them; this table keeps the history, so that a statistics
-- file that loaded under an alias can still be explained after the alias
-- is gone.
CREATE TABLE alias_log (
    changed_at TIMESTAMP NOT NULL,
    action    VARCHAR NOT NULL,   -- add | remove
    alias     VARCHAR NOT NULL,
    indicator VARCHAR NOT NULL,   -- indicators.code
    actor     VARCHAR NOT NULL    -- the OS user, or the server token's label
);
