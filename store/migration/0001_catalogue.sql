-- Plans, indicators and targets. Exact values are DECIMAL(38,10): 28 digits
-- before the point and 10 after, enough for 亿元 figures converted from 万元
-- with four decimals.
CREATE TABLE plans (
    region       VARCHAR NOT NULL,
    code         VARCHAR NOT NULL,
    title        VARCHAR NOT NULL,
    doc_no       VARCHAR NOT NULL,
    period_start INTEGER NOT NULL,
    period_end   INTEGER NOT NULL,
    base_year    INTEGER NOT NULL,
    imported_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (region, code)
);

CREATE TABLE indicators (
    code      VARCHAR PRIMARY KEY,
    name_zh   VARCHAR NOT NULL,
    name_en   VARCHAR NOT NULL,
    unit      VARCHAR NOT NULL,
    direction VARCHAR NOT NULL,
    min_value DECIMAL(38,10),
    max_value DECIMAL(38,10),
    aliases   VARCHAR[] NOT NULL
);

CREATE TABLE targets (
    region        VARCHAR NOT NULL,
    plan_code     VARCHAR NOT NULL,
    id            VARCHAR NOT NULL,
    ord           INTEGER NOT NULL,
    indicator     VARCHAR NOT NULL, -- indicators.code (no FOREIGN KEY: DuckDB rewrites an UPDATE of a referenced row as delete+insert and refuses it)
    headline      BOOLEAN NOT NULL,
    kind          VARCHAR NOT NULL,
    operator      VARCHAR NOT NULL,
    value         DECIMAL(38,10),
    value_high    DECIMAL(38,10),
    unit          VARCHAR NOT NULL,
    tolerance     DECIMAL(38,10),
    base_year     INTEGER NOT NULL,
    base_value    DECIMAL(38,10),
    first_year    INTEGER,
    target_year   INTEGER NOT NULL,
    path          VARCHAR NOT NULL,
    lead_departments          VARCHAR[] NOT NULL,
    participating_departments VARCHAR[] NOT NULL,
    deadline      VARCHAR NOT NULL,
    chapter       VARCHAR NOT NULL,
    clause        VARCHAR NOT NULL,
    source_text   VARCHAR NOT NULL,
    PRIMARY KEY (region, plan_code, id)
);
