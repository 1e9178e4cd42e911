-- An annual target's yearly targets, as model.FormatAnnual writes them.
ALTER TABLE targets ADD COLUMN annual VARCHAR DEFAULT '';
