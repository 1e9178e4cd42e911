-- The indicator a relative target is compared with.
ALTER TABLE targets ADD COLUMN relative_to VARCHAR DEFAULT '';
