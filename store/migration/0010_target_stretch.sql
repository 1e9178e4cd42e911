-- The 力争 value of a two-tier target.
ALTER TABLE targets ADD COLUMN stretch DECIMAL(38,10);
