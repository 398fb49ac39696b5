-- Whether a body's aliases count when names are read for an import by an office whose area is
-- `within_id` (null: the nation). A short name one province saved for its own department ("Sở TC")
-- must not send another province's tasks there; the aliases of central bodies and of the provinces
-- themselves ("UBND tỉnh X") count everywhere.
-- Read by the name resolution (agencies) and by the registry the extractor gets (imports).
CREATE OR REPLACE FUNCTION alias_applies(body_id bigint, within_id bigint) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT within_id IS NULL OR EXISTS (
    SELECT 1 FROM agencies a, agencies w
    WHERE a.id = body_id AND w.id = within_id AND (a.level = 'central' OR nlevel(a.path) = 1 OR a.path <@ w.path))
$$;
