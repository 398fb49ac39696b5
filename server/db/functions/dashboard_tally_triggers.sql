-- Keeping the dashboard's tally (dashboard_tally.sql) true: every write to a task, its directive, a
-- body's place in the tree or a group's members corrects the tally of every built day in the same
-- transaction.
--
-- Statement-level triggers with transition tables: one call per statement, however many rows.

CREATE OR REPLACE FUNCTION dashboard_tasks_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM dashboard_days) THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM dashboard_tally_apply(ARRAY(
      SELECT dashboard_fact(1, d.level, d.programme_code, n.deadline_kind, n.due_date, n.completed_on,
                            n.last_accepted_report_at, n.created_at, d.published_at, n.lead_agency_ids)
      FROM new_rows n JOIN directives d ON d.id = n.directive_id WHERE d.status = 'published'));
  ELSIF TG_OP = 'DELETE' THEN
    -- Deleted with its directive (a cascade): the directive's facts are gone, so count afresh.
    IF EXISTS (SELECT 1 FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM directives d WHERE d.id = o.directive_id)) THEN
      DELETE FROM dashboard_days;
      RETURN NULL;
    END IF;
    PERFORM dashboard_tally_apply(ARRAY(
      SELECT dashboard_fact(-1, d.level, d.programme_code, o.deadline_kind, o.due_date, o.completed_on,
                            o.last_accepted_report_at, o.created_at, d.published_at, o.lead_agency_ids)
      FROM old_rows o JOIN directives d ON d.id = o.directive_id WHERE d.status = 'published'));
  ELSE
    PERFORM dashboard_tally_apply(ARRAY(
      SELECT dashboard_fact(-1, d.level, d.programme_code, o.deadline_kind, o.due_date, o.completed_on,
                            o.last_accepted_report_at, o.created_at, d.published_at, o.lead_agency_ids)
      FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN directives d ON d.id = o.directive_id
      WHERE d.status = 'published'
        AND (o.directive_id, o.deadline_kind, o.due_date, o.completed_on, o.last_accepted_report_at, o.created_at,
             o.lead_agency_ids)
            IS DISTINCT FROM
            (n.directive_id, n.deadline_kind, n.due_date, n.completed_on, n.last_accepted_report_at, n.created_at,
             n.lead_agency_ids)
      UNION ALL
      SELECT dashboard_fact(1, d.level, d.programme_code, n.deadline_kind, n.due_date, n.completed_on,
                            n.last_accepted_report_at, n.created_at, d.published_at, n.lead_agency_ids)
      FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN directives d ON d.id = n.directive_id
      WHERE d.status = 'published'
        AND (o.directive_id, o.deadline_kind, o.due_date, o.completed_on, o.last_accepted_report_at, o.created_at,
             o.lead_agency_ids)
            IS DISTINCT FROM
            (n.directive_id, n.deadline_kind, n.due_date, n.completed_on, n.last_accepted_report_at, n.created_at,
             n.lead_agency_ids)));
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER dashboard_tasks_inserted AFTER INSERT ON tasks
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_tasks_changed();
CREATE OR REPLACE TRIGGER dashboard_tasks_updated AFTER UPDATE ON tasks
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_tasks_changed();
CREATE OR REPLACE TRIGGER dashboard_tasks_deleted AFTER DELETE ON tasks
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_tasks_changed();

-- A directive published, withdrawn, or moved to another level or programme moves its tasks.
CREATE OR REPLACE FUNCTION dashboard_directives_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM dashboard_days) THEN RETURN NULL; END IF;
  PERFORM dashboard_tally_apply(ARRAY(
    SELECT dashboard_fact(-1, o.level, o.programme_code, t.deadline_kind, t.due_date, t.completed_on,
                          t.last_accepted_report_at, t.created_at, o.published_at, t.lead_agency_ids)
    FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN tasks t ON t.directive_id = o.id
    WHERE o.status = 'published'
      AND (o.status, o.level, o.programme_code, o.published_at) IS DISTINCT FROM (n.status, n.level, n.programme_code, n.published_at)
    UNION ALL
    SELECT dashboard_fact(1, n.level, n.programme_code, t.deadline_kind, t.due_date, t.completed_on,
                          t.last_accepted_report_at, t.created_at, n.published_at, t.lead_agency_ids)
    FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN tasks t ON t.directive_id = n.id
    WHERE n.status = 'published'
      AND (o.status, o.level, o.programme_code, o.published_at) IS DISTINCT FROM (n.status, n.level, n.programme_code, n.published_at)));
  RETURN NULL;
END $$;
CREATE OR REPLACE TRIGGER dashboard_directives_updated AFTER UPDATE ON directives
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_directives_changed();

-- A body moved in the tree or a group's members changed: which province a body counts for changes
-- (rare), so the built days are dropped and the next dashboard counts afresh.
CREATE OR REPLACE FUNCTION dashboard_forget_days() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM dashboard_days;
  RETURN NULL;
END $$;
CREATE OR REPLACE TRIGGER dashboard_agencies_moved AFTER UPDATE OF path, kind ON agencies
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_forget_days();
CREATE OR REPLACE TRIGGER dashboard_group_members_changed AFTER INSERT OR UPDATE OR DELETE ON agency_group_members
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_forget_days();
