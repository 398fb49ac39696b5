-- Bodies: unaccented search over names (aliases already carry alias_norm), group selectors kept so
-- groups can be re-expanded when bodies are added, and the lookups name resolution and merges use.

-- "thanh hoa" finds "Tỉnh Thanh Hóa" and "Thanh Hoá" alike: search_norm folds diacritics and both
-- tone-mark placements to the same letters.
ALTER TABLE agencies ADD COLUMN name_norm text GENERATED ALWAYS AS (search_norm(name)) STORED;
CREATE INDEX agencies_name_norm_trgm ON agencies USING gin (name_norm gin_trgm_ops);
CREATE INDEX agencies_name_norm ON agencies (name_norm);
CREATE INDEX agencies_merged_into ON agencies (merged_into_id) WHERE merged_into_id IS NOT NULL;

-- A named group's membership rule as the registry wrote it ({ ids, level, kind, namePrefix } plus
-- namePrefixes: the prefix in both tone-mark placements). Bodies created later (the generated
-- communes, a body added by an administrator) join the groups whose rule they match.
ALTER TABLE agencies ADD COLUMN member_selector jsonb;

CREATE INDEX agency_aliases_alias ON agency_aliases (alias);

-- Login compares usernames case-insensitively, so uniqueness must too.
CREATE UNIQUE INDEX users_username_lower ON users (lower(username));
CREATE INDEX users_scope_agency ON users (scope_agency_id) WHERE scope_agency_id IS NOT NULL;

-- The audit trail is read newest first, over everything or by actor.
CREATE INDEX events_at ON events (at DESC, id DESC);
CREATE INDEX events_actor_at ON events (actor_id, at DESC) WHERE actor_id IS NOT NULL;
