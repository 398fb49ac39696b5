-- History, as applied: the current bodies of the functions, views and triggers defined here are in
-- server/db/functions/ (re-applied after the migrations at every start).
-- One definition of a task's lead bodies as tasks.lead_agency_ids holds them (0070), read by the
-- triggers that keep the column and by the demo generator's bulk load, instead of three copies.
CREATE VIEW task_lead_sets AS
  SELECT task_id, array_agg(agency_id ORDER BY agency_id) AS ids
  FROM task_assignments WHERE role = 'lead' GROUP BY task_id;

-- Sets lead_agency_ids of these tasks from their assignments (only where it changes).
CREATE FUNCTION refresh_lead_agency_ids(task_ids bigint[]) RETURNS void LANGUAGE sql AS $$
  UPDATE tasks t SET lead_agency_ids = coalesce(l.ids, '{}')
  FROM (SELECT DISTINCT unnest(task_ids) AS task_id) c
  LEFT JOIN task_lead_sets l ON l.task_id = c.task_id
  WHERE t.id = c.task_id AND t.lead_agency_ids IS DISTINCT FROM coalesce(l.ids, '{}');
$$;

CREATE OR REPLACE FUNCTION task_assignments_lead_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_lead_agency_ids(ARRAY(SELECT task_id FROM changed_rows WHERE role = 'lead'));
  RETURN NULL;
END $$;

-- An UPDATE can move a row to another task or role: both the old and the new task are re-read.
CREATE OR REPLACE FUNCTION task_assignments_lead_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_lead_agency_ids(ARRAY(SELECT task_id FROM old_rows UNION SELECT task_id FROM new_rows));
  RETURN NULL;
END $$;
