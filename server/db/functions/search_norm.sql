-- Vietnamese search without diacritics: "ha noi" finds "Hà Nội", and both tone-mark placements
-- ("hoá"/"hóa") fold to the same letters. unaccent() is only STABLE; indexes need IMMUTABLE.
-- foldForSearch() in packages/shared/src/text.ts is the same folding for the browser and the
-- extraction library; server/src/db/search-norm.test.ts checks the two agree on Vietnamese text.
--
-- Stored columns (tasks.search, agencies.name_norm, agency_aliases.alias_norm) and an index on
-- directives are computed with it: a change of body needs a migration that recomputes them and
-- rebuilds the index, or old rows keep the old folding.
CREATE OR REPLACE FUNCTION search_norm(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, coalesce(value, ''))) $$;
