-- The provinces a body counts for (the root of its path): its own, and for a named group each of its
-- members' (agency_acts_as). Read by the dashboard's per-province table and its tally.
CREATE OR REPLACE VIEW agency_provinces AS
  SELECT DISTINCT x.acts_as_id AS agency_id, ltree2text(subpath(x.agency_path, 0, 1))::bigint AS province_id
  FROM agency_acts_as x
  WHERE x.agency_kind <> 'group';
