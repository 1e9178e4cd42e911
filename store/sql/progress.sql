-- progress.sql: the peer-equivalent progress columns of every level target
-- (kind 'level' with one of the operators >=, >, <=, <), in one query of
-- standard SQL over three relations, as plangap stores them and as
-- `plangap export --format parquet` writes them:
--
--   targets    (region, plan_code, id, indicator, kind, operator, value,
--               base_year, base_value, target_year, …)
--   indicators (code, direction, …)
--   actuals    (indicator, region, year, batch_id, value, superseded_by, …)
--
-- It runs unchanged in DuckDB, Spark SQL (3.0+) and Trino (max_by is in all
-- three) (README: "SQL over the
-- export"). Exact values stay DECIMAL(38,10): "met" is an exact DECIMAL
-- comparison; rates and ratios are DOUBLE, as in the engine. The latest
-- revision of a value is the row no later batch has superseded. The
-- latest year judged is the last with data not after the target year; the
-- base is the plan's base value, else the base year's actual. Rows whose
-- base year has no data get NULL base measures (π, observed rate, R) and
-- status 'not_assessable' unless met:
-- the engine (plangap gap) falls back to the next year with data and says
-- so; this query does not. Statuses follow Eurostat/open-sdg (methods.md
-- §3) with thresholds 0.95, 0.60 and 0 less 1e-9, as the engine compares.
WITH cur AS (
  SELECT indicator, region, year, value
  FROM actuals
  WHERE superseded_by IS NULL
), lvl AS (
  SELECT t.region, t.plan_code, t.id, t.indicator, t.operator,
         t.value AS target, t.base_year, t.base_value, t.target_year,
         CASE WHEN i.direction = 'lower' THEN -1e0 ELSE 1e0 END AS d,
         -- a one-number key: grouping 2.4M values by it is cheaper than
         -- by three strings (Spark wants the window ordered)
         row_number() OVER (ORDER BY t.region, t.plan_code, t.id) AS k
  FROM targets t
  JOIN indicators i ON i.code = t.indicator
  WHERE t.kind = 'level' AND t.operator IN ('>=', '>', '<=', '<')
), agg AS (
  -- One pass over the values: the latest year not after the target year,
  -- its value, and the base year's value.
  SELECT l.k, max(c.year) AS year_t, max_by(c.value, c.year) AS y_t,
         max(CASE WHEN c.year = l.base_year THEN c.value END) AS yb
  FROM lvl l
  JOIN cur c ON c.region = l.region AND c.indicator = l.indicator AND c.year <= l.target_year
  GROUP BY l.k
), j AS (
  SELECT l.*, a.year_t, a.y_t, COALESCE(l.base_value, a.yb) AS y0
  FROM lvl l
  JOIN agg a ON a.k = l.k
), f AS (
  SELECT j.*,
         CAST(y_t AS DOUBLE) AS ytf, CAST(y0 AS DOUBLE) AS y0f, CAST(target AS DOUBLE) AS tf,
         CASE operator
           WHEN '>=' THEN y_t >= target WHEN '>' THEN y_t > target
           WHEN '<=' THEN y_t <= target ELSE y_t < target END AS met
  FROM j
), m AS (
  SELECT f.*,
         CASE WHEN target_year > year_t AND ytf > 0 AND tf >= 0
              THEN power(tf / ytf, 1e0 / (target_year - year_t)) - 1 END AS required_rate,
         CASE WHEN year_t > base_year AND y0f > 0 AND ytf >= 0
              THEN power(ytf / y0f, 1e0 / (year_t - base_year)) - 1 END AS observed_rate,
         CASE WHEN target_year > base_year AND y0f > 0 AND tf >= 0
              THEN power(tf / y0f, 1e0 / (target_year - base_year)) - 1 END AS req0
  FROM f
), r AS (
  SELECT m.*,
         CASE WHEN req0 <> 0 THEN d * observed_rate / abs(req0) END AS ratio,
         CASE WHEN y0 IS NOT NULL AND target <> y0
              THEN CAST(y_t - y0 AS DOUBLE) / CAST(target - y0 AS DOUBLE) END AS completion_share,
         CAST(year_t - base_year AS DOUBLE) / CAST(target_year - base_year AS DOUBLE) AS time_share
  FROM m
), s AS (
  -- R, or π/τ where R is undefined (zero or negative base, sign change):
  -- methods.md §7, as the engine falls back.
  SELECT r.*,
         COALESCE(ratio, CASE WHEN time_share > 0 THEN completion_share / time_share END) AS judged
  FROM r
)
SELECT region, plan_code, id, indicator, year_t AS year, y_t AS actual, y0 AS base_value, target,
       CASE WHEN d > 0 THEN target - y_t ELSE y_t - target END AS gap,
       completion_share, time_share, (completion_share - time_share) * 100 AS schedule_gap_pp, required_rate, observed_rate, ratio, met,
       CASE WHEN met THEN 'target_achieved'
            WHEN judged IS NULL THEN 'not_assessable'
            WHEN judged >= 0.95e0 - 1e-9 THEN 'substantial_progress'
            WHEN judged >= 0.60e0 - 1e-9 THEN 'moderate_progress'
            WHEN judged >= 0e0 - 1e-9 THEN 'limited_progress'
            ELSE 'deterioration' END AS status
FROM s
