-- What the extractor was unsure of and which bodies it found renamed, kept from the import for review:
-- per-field confidence ({score, reason} for text, lead, coordinating, deadline; NULL for a task typed in),
-- and for each body written under a pre-2025 name, today's bodies that carry its work.
ALTER TABLE tasks ADD COLUMN extraction_confidence jsonb;
ALTER TABLE tasks ADD COLUMN body_successors jsonb NOT NULL DEFAULT '{}';
ALTER TABLE directives ADD COLUMN extraction_confidence jsonb;
ALTER TABLE directives ADD COLUMN issuer_successors text[] NOT NULL DEFAULT '{}';
