-- An indicator measured as a yearly growth rate (研发经费投入增长).
ALTER TABLE indicators ADD COLUMN growth_rate BOOLEAN DEFAULT false;
