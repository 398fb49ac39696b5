-- The province a body belongs to (the root of its path), and for a named group every province of its
-- members. Read by the dashboard's per-province table and its tally.
CREATE OR REPLACE VIEW agency_provinces AS
  SELECT a.id AS agency_id, ltree2text(subpath(a.path, 0, 1))::bigint AS province_id FROM agencies a WHERE a.kind <> 'group'
  UNION
  SELECT gm.group_id, ltree2text(subpath(m.path, 0, 1))::bigint
  FROM agency_group_members gm JOIN agencies m ON m.id = gm.member_id;
