-- A relative target compared with the parent region's figure.
ALTER TABLE targets ADD COLUMN compare_with_parent BOOLEAN DEFAULT false;
