-- Plans at every level (县 → 市 → 省 → 全国): a plan's parent region.
-- DuckDB refuses several ALTERs of one table with data in one
-- transaction, so each column of this change is a migration of its own
-- (0007–0014).
ALTER TABLE plans ADD COLUMN parent VARCHAR DEFAULT '';
