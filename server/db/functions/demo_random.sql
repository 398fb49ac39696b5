-- Deterministic pseudo-random numbers for the demo and benchmark data generator (server/src/demo):
-- the same (key, salt) gives the same value in [0, 1) on PGlite and on every PostgreSQL server, so a
-- seed reproduces a data set, and the national scale can be generated set-based (INSERT … SELECT over
-- generate_series) instead of row by row. hashint8extended is stable across versions: hash
-- partitioning depends on it.
CREATE OR REPLACE FUNCTION demo_random(key bigint, salt bigint) RETURNS double precision
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT (hashint8extended(key, salt) & 4503599627370495)::double precision / 4503599627370496 $$;
