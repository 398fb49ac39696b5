-- tasks.lead_agency_ids: each task carries its lead bodies, so that a task's facts for the dashboard's
-- tally are one row (and a deleted task's lead bodies are still known to the trigger that un-counts it).
-- Kept by the triggers below on every write to task_assignments; the demo generator's bulk load, which
-- may run without triggers, sets it from the same view.

-- A task's lead bodies as tasks.lead_agency_ids holds them.
CREATE OR REPLACE VIEW task_lead_sets AS
  SELECT task_id, array_agg(agency_id ORDER BY agency_id) AS ids
  FROM task_assignments WHERE role = 'lead' GROUP BY task_id;

-- Sets lead_agency_ids of these tasks from their assignments (only where it changes).
CREATE OR REPLACE FUNCTION refresh_lead_agency_ids(task_ids bigint[]) RETURNS void LANGUAGE sql AS $$
  UPDATE tasks t SET lead_agency_ids = coalesce(l.ids, '{}')
  FROM (SELECT DISTINCT unnest(task_ids) AS task_id) c
  LEFT JOIN task_lead_sets l ON l.task_id = c.task_id
  WHERE t.id = c.task_id AND t.lead_agency_ids IS DISTINCT FROM coalesce(l.ids, '{}');
$$;

-- Statement-level triggers with transition tables: one call per statement, however many rows.
CREATE OR REPLACE FUNCTION task_assignments_lead_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_lead_agency_ids(ARRAY(SELECT task_id FROM changed_rows WHERE role = 'lead'));
  RETURN NULL;
END $$;
CREATE OR REPLACE TRIGGER task_assignments_lead_inserted AFTER INSERT ON task_assignments
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION task_assignments_lead_changed();
CREATE OR REPLACE TRIGGER task_assignments_lead_deleted AFTER DELETE ON task_assignments
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION task_assignments_lead_changed();

-- An UPDATE can move a row to another task or role: both the old and the new task are re-read.
CREATE OR REPLACE FUNCTION task_assignments_lead_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_lead_agency_ids(ARRAY(SELECT task_id FROM old_rows UNION SELECT task_id FROM new_rows));
  RETURN NULL;
END $$;
CREATE OR REPLACE TRIGGER task_assignments_lead_updated AFTER UPDATE ON task_assignments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION task_assignments_lead_updated();
