-- superseded_by records which batch brought the next revision of a value,
-- so the latest revision is simply the row not yet superseded, and the
-- data as of batch B are the rows with batch_id ≤ B not superseded by B.
-- Values are still never changed: this is provenance, set once.
ALTER TABLE actuals ADD COLUMN superseded_by INTEGER;

UPDATE actuals SET superseded_by = nxt.batch_id
FROM (
    SELECT indicator, region, year, batch_id AS prev,
           lead(batch_id) OVER (PARTITION BY indicator, region, year ORDER BY batch_id) AS batch_id
    FROM actuals
) nxt
WHERE actuals.indicator = nxt.indicator AND actuals.region = nxt.region
  AND actuals.year = nxt.year AND actuals.batch_id = nxt.prev AND nxt.batch_id IS NOT NULL;
