-- History, as applied: the current bodies of the functions, views and triggers defined here are in
-- server/db/functions/ (re-applied after the migrations at every start).
-- A named group written in a province's or a commune's own directive means that group's members
-- there: "Ủy ban nhân dân cấp xã" in Hà Nội's plan are Hà Nội's communes, not every commune of the
-- country. Such a task is assigned to the group's part inside the directive's scope — a group of its
-- own, placed under the scope in the tree, made the first time it is needed — so that everything that
-- follows groups (who sees and reports on a task, "Việc của tôi", the dashboards, notifications) stays
-- inside the province without knowing about it.

ALTER TABLE agencies ADD COLUMN scoped_from_id bigint REFERENCES agencies (id);
CREATE UNIQUE INDEX agencies_scoped_group ON agencies (scoped_from_id, parent_id) WHERE scoped_from_id IS NOT NULL;

-- The part of `group_id` inside the scope `scope_id`: made (with its members) if needed. The group
-- itself when it is already a scoped one or has no member inside the scope.
CREATE FUNCTION scoped_group(group_id bigint, scope_id bigint) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  g_kind text;
  g_scoped bigint;
  g_slug text;
  g_name text;
  g_short text;
  g_level text;
  g_selector jsonb;
  s_slug text;
  s_name text;
  s_path ltree;
  found_id bigint;
BEGIN
  IF scope_id IS NULL THEN RETURN group_id; END IF;
  SELECT a.kind, a.scoped_from_id, a.slug, a.name, a.short_name, a.level, a.member_selector
    INTO g_kind, g_scoped, g_slug, g_name, g_short, g_level, g_selector
  FROM agencies a WHERE a.id = group_id;
  IF g_kind IS DISTINCT FROM 'group' OR g_scoped IS NOT NULL THEN RETURN group_id; END IF;
  SELECT a.id INTO found_id FROM agencies a WHERE a.scoped_from_id = group_id AND a.parent_id = scope_id;
  IF found_id IS NOT NULL THEN RETURN found_id; END IF;
  SELECT a.slug, a.name, a.path INTO s_slug, s_name, s_path FROM agencies a WHERE a.id = scope_id;
  IF NOT EXISTS (SELECT 1 FROM agency_group_members gm JOIN agencies m ON m.id = gm.member_id
                 WHERE gm.group_id = scoped_group.group_id AND m.path <@ s_path) THEN
    RETURN group_id;
  END IF;
  INSERT INTO agencies (slug, name, short_name, level, kind, parent_id, path, scoped_from_id, member_selector)
  VALUES (g_slug || '--' || s_slug, g_name || ' (' || s_name || ')', g_short, g_level, 'group', scope_id,
          s_path, group_id, g_selector)
  ON CONFLICT DO NOTHING
  RETURNING id INTO found_id;
  IF found_id IS NULL THEN
    -- another transaction made it first
    SELECT a.id INTO found_id FROM agencies a WHERE a.scoped_from_id = group_id AND a.parent_id = scope_id;
    RETURN found_id;
  END IF;
  UPDATE agencies SET path = s_path || found_id::text WHERE id = found_id;
  INSERT INTO agency_group_members (group_id, member_id)
  SELECT found_id, gm.member_id FROM agency_group_members gm JOIN agencies m ON m.id = gm.member_id
  WHERE gm.group_id = scoped_group.group_id AND m.path <@ s_path;
  RETURN found_id;
END $$;

-- Every way a task gets a body (import, review, plan builder, API, generator) passes here.
CREATE FUNCTION task_assignments_scope_groups() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
  scoped bigint;
BEGIN
  FOR r IN
    SELECT n.task_id, n.agency_id, n.role, d.scope_agency_id
    FROM changed_rows n
    JOIN agencies g ON g.id = n.agency_id AND g.kind = 'group' AND g.scoped_from_id IS NULL
    JOIN tasks t ON t.id = n.task_id
    JOIN directives d ON d.id = t.directive_id AND d.scope_agency_id IS NOT NULL
  LOOP
    scoped := scoped_group(r.agency_id, r.scope_agency_id);
    CONTINUE WHEN scoped = r.agency_id;
    IF EXISTS (SELECT 1 FROM task_assignments x WHERE x.task_id = r.task_id AND x.agency_id = scoped AND x.role = r.role) THEN
      -- the scoped group was already there: the national one is a duplicate
      DELETE FROM task_assignments x WHERE x.task_id = r.task_id AND x.agency_id = r.agency_id AND x.role = r.role;
    ELSE
      UPDATE task_assignments x SET agency_id = scoped
      WHERE x.task_id = r.task_id AND x.agency_id = r.agency_id AND x.role = r.role;
    END IF;
  END LOOP;
  RETURN NULL;
END $$;
CREATE TRIGGER task_assignments_scope_groups_inserted AFTER INSERT ON task_assignments
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION task_assignments_scope_groups();
CREATE TRIGGER task_assignments_scope_groups_updated AFTER UPDATE ON task_assignments
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION task_assignments_scope_groups();
