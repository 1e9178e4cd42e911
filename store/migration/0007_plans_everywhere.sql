-- Plans at every level (县 → 市 → 省 → 全国) and the kinds national plans
-- use: a plan's parent region; an indicator measured as a yearly growth
-- rate; a target's attribute (约束性/预期性), 力争 value, yearly targets,
-- compared indicator and assigned figures. See model.Target.
ALTER TABLE plans ADD COLUMN parent VARCHAR DEFAULT '';
ALTER TABLE indicators ADD COLUMN growth_rate BOOLEAN DEFAULT false;
ALTER TABLE targets ADD COLUMN attribute VARCHAR DEFAULT '';
ALTER TABLE targets ADD COLUMN stretch DECIMAL(38,10);
ALTER TABLE targets ADD COLUMN annual VARCHAR DEFAULT '';
ALTER TABLE targets ADD COLUMN relative_to VARCHAR DEFAULT '';
ALTER TABLE targets ADD COLUMN compare_with_parent BOOLEAN DEFAULT false;
ALTER TABLE targets ADD COLUMN assigned_from VARCHAR DEFAULT '';
