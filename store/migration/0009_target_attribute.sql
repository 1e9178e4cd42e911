-- A target's attribute: binding (约束性) or indicative (预期性).
ALTER TABLE targets ADD COLUMN attribute VARCHAR DEFAULT '';
