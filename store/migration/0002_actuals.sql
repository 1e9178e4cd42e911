-- Loads (batches) and the values they brought. A value is never updated:
-- a changed figure is a new row with a later batch, so every revision and
-- its provenance stay.
CREATE TABLE batches (
    id          INTEGER PRIMARY KEY,
    loaded_at   TIMESTAMP NOT NULL,
    file        VARCHAR NOT NULL,
    sha256      VARCHAR NOT NULL,
    source      VARCHAR NOT NULL,
    status      VARCHAR NOT NULL,      -- preliminary | final
    illustrative BOOLEAN NOT NULL,     -- 示例数据: not official statistics
    rows_read   INTEGER NOT NULL,
    inserted    INTEGER NOT NULL,
    revised     INTEGER NOT NULL,
    unchanged   INTEGER NOT NULL
);

CREATE TABLE actuals (
    indicator VARCHAR NOT NULL,
    region    VARCHAR NOT NULL,
    year      INTEGER NOT NULL,
    batch_id  INTEGER NOT NULL,
    value     DECIMAL(38,10) NOT NULL,
    status    VARCHAR NOT NULL,
    note      VARCHAR NOT NULL,
    PRIMARY KEY (indicator, region, year, batch_id)
);
