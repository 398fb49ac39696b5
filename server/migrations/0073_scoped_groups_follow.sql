-- History, as applied: the current bodies of the functions, views and triggers defined here are in
-- server/db/functions/ (re-applied after the migrations at every start).
-- A group's parts inside provinces (0071) follow the group: a body that joins "Ủy ban nhân dân cấp xã"
-- (a new commune) joins its province's part too, and one that leaves it leaves the part.
-- Each trigger acts only when a group with parts changed: a statement trigger fires even for no rows,
-- and its own statement (on the parts, which have no parts) must not fire it again without end.
CREATE FUNCTION scoped_groups_members_joined() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM new_rows n JOIN agencies part ON part.scoped_from_id = n.group_id) THEN
    RETURN NULL;
  END IF;
  INSERT INTO agency_group_members (group_id, member_id)
  SELECT part.id, n.member_id
  FROM new_rows n
  JOIN agencies part ON part.scoped_from_id = n.group_id
  JOIN agencies scope ON scope.id = part.parent_id
  JOIN agencies m ON m.id = n.member_id AND m.path <@ scope.path
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER scoped_groups_members_joined AFTER INSERT ON agency_group_members
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION scoped_groups_members_joined();

CREATE FUNCTION scoped_groups_members_left() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM old_rows o JOIN agencies part ON part.scoped_from_id = o.group_id) THEN
    RETURN NULL;
  END IF;
  DELETE FROM agency_group_members gm
  USING old_rows o, agencies part
  WHERE part.scoped_from_id = o.group_id AND gm.group_id = part.id AND gm.member_id = o.member_id;
  RETURN NULL;
END $$;
CREATE TRIGGER scoped_groups_members_left AFTER DELETE ON agency_group_members
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION scoped_groups_members_left();
