-- Who can report on the work given to a body: one rule, read by the warning when a task is assigned
-- (plans, tasks), by the bodies API (`canReport`) and by the dashboard's "no one to report" figure.

-- A body can report when an active account of a role that writes progress reports (a focal point or
-- a head: the reporter roles of report.service.ts) acts as it (agency_acts_as): an account of the body
-- itself or, for a named group, of one of its members. The view is the rule.
CREATE OR REPLACE VIEW reporting_bodies AS
  SELECT DISTINCT x.acts_as_id AS agency_id
  FROM agency_acts_as x JOIN users u ON u.agency_id = x.agency_id
  WHERE u.is_active AND u.role IN ('focal', 'head');

-- Reading the view unions every body's acting-as rows (≈60 ms under load at the national scale's 4,300
-- bodies), so its rows are kept in reporting_bodies_kept (migration 0089), refreshed from the view by
-- every statement that can change them: accounts made, removed, moved, given another role, deactivated;
-- a group's members changed (a body deleted takes its members with it, and cannot go while it has
-- accounts). The readers ask the kept set: body_can_report() for one body, and withoutReporterSql()
-- (tasks/task.standing.ts) for every task or lead set of a list or figure at once, as one hashed
-- `IN (SELECT … FROM reporting_bodies_kept)` per statement (a function called per task took 80 s over
-- the national scale's open tasks).
CREATE OR REPLACE FUNCTION reporting_bodies_refresh() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- One refresh at a time, each statement below seeing those committed before it; readers never wait.
  LOCK TABLE reporting_bodies_kept IN EXCLUSIVE MODE;
  DELETE FROM reporting_bodies_kept k WHERE k.agency_id NOT IN (SELECT r.agency_id FROM reporting_bodies r);
  INSERT INTO reporting_bodies_kept (agency_id) SELECT r.agency_id FROM reporting_bodies r ON CONFLICT DO NOTHING;
END $$;

CREATE OR REPLACE FUNCTION reporting_bodies_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM reporting_bodies_refresh();
  RETURN NULL;
END $$;
CREATE OR REPLACE TRIGGER reporting_bodies_accounts_changed
  AFTER INSERT OR DELETE OR UPDATE OF agency_id, role, is_active ON users
  FOR EACH STATEMENT EXECUTE FUNCTION reporting_bodies_changed();
CREATE OR REPLACE TRIGGER reporting_bodies_members_changed AFTER INSERT OR UPDATE OR DELETE ON agency_group_members
  FOR EACH STATEMENT EXECUTE FUNCTION reporting_bodies_changed();

-- The view may have changed with this file: the kept set follows it.
SELECT reporting_bodies_refresh();

CREATE OR REPLACE FUNCTION body_can_report(agency_id bigint) RETURNS boolean
  LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM reporting_bodies_kept r WHERE r.agency_id = body_can_report.agency_id)
$$;

DROP FUNCTION IF EXISTS task_without_reporter(date, bigint[]);
