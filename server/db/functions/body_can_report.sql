-- Who can report on the work given to a body: one rule, read by the warning when a task is assigned
-- (plans, tasks), by the bodies API (`canReport`) and by the dashboard's "no one to report" figure.

-- A body can report when an active account of a role that writes progress reports (a focal point or
-- a head: the reporter roles of report.service.ts) acts as it (agency_acts_as): an account of the body
-- itself or, for a named group, of one of its members.
CREATE OR REPLACE FUNCTION body_can_report(agency_id bigint) RETURNS boolean
  LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1 FROM agency_acts_as x JOIN users u ON u.agency_id = x.agency_id
    WHERE x.acts_as_id = body_can_report.agency_id AND u.is_active AND u.role IN ('focal', 'head'))
$$;

-- An open task with no one to report on it: not completed, and none of its lead bodies
-- (tasks.lead_agency_ids) can report — or it has none. The dashboard's "no one to report" figure and the
-- task list's `noReporter` filter (withoutReporterSql()) both read it.
CREATE OR REPLACE FUNCTION task_without_reporter(completed_on date, lead_agency_ids bigint[]) RETURNS boolean
  LANGUAGE sql STABLE AS $$
  SELECT completed_on IS NULL AND NOT EXISTS (SELECT 1 FROM unnest(lead_agency_ids) AS l(id) WHERE body_can_report(l.id))
$$;
