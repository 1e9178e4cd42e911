-- The indicator whose yearly values are an assigned target's figures.
ALTER TABLE targets ADD COLUMN assigned_from VARCHAR DEFAULT '';
