-- Who can report on the work given to a body: one rule, read by the warning when a task is assigned
-- (plans, tasks), by the bodies API (`canReport`) and by the dashboard's "no one to report" figure.

-- A body can report when an active account of a role that writes progress reports (a focal point or
-- a head: the reporter roles of report.service.ts) acts as it (agency_acts_as): an account of the body
-- itself or, for a named group, of one of its members. The view is the rule; body_can_report() asks it
-- for one body, and withoutReporterSql() (tasks/task.standing.ts) for every task of a list or figure
-- at once: `IN (SELECT … FROM reporting_bodies)` is hashed once per statement, where a function called
-- per task took 80 s over the national scale's open tasks.
CREATE OR REPLACE VIEW reporting_bodies AS
  SELECT DISTINCT x.acts_as_id AS agency_id
  FROM agency_acts_as x JOIN users u ON u.agency_id = x.agency_id
  WHERE u.is_active AND u.role IN ('focal', 'head');

CREATE OR REPLACE FUNCTION body_can_report(agency_id bigint) RETURNS boolean
  LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM reporting_bodies r WHERE r.agency_id = body_can_report.agency_id)
$$;

DROP FUNCTION IF EXISTS task_without_reporter(date, bigint[]);
