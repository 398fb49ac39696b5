-- The dashboard's tally (server/src/dashboard/dashboard.tally.ts): the national dashboard's figures
-- for one reference day, kept as counts that every write to their inputs corrects in its own
-- transaction (the triggers are in dashboard_tally_triggers.sql; the tables in migration 0070).
--
-- Why: a national dashboard judges 200,000 tasks on a day; judging them on every request costs about
-- a second of database time. A task's state on a given day depends only on its own facts (deadline,
-- completion, accepted reports, directive, lead bodies), so the counts for that day can be built once
-- and then corrected by the triggers whenever one of those facts changes. Nothing here goes stale by
-- the passing of time: a tally belongs to its day, and another day is built afresh (or judged task by
-- task). Rows are only ever inserted (a change adds −1 for the old facts and +1 for the new), so
-- concurrent writers never wait on one another; readers sum the rows of the day.

-- Tallies built by an earlier definition are dropped (and built again on the next request): a change
-- here may change what they count.
DELETE FROM dashboard_days;

-- The type has no CREATE OR REPLACE: it is made afresh, and with it the two functions that take it
-- (the CASCADE drops just those; the triggers call them by name and find the new ones).
DROP TYPE IF EXISTS dashboard_fact CASCADE;

-- A task of a published directive as the tally sees it; sign +1 counts it, −1 un-counts it.
CREATE TYPE dashboard_fact AS (
  sign            integer,
  level           text,
  programme_code  text,
  kind            text,
  due_date        date,
  completed_on    date,
  has_results     boolean,
  quiet_since     timestamptz,  -- task_quiet_since()
  lead_agency_ids bigint[]
);

CREATE OR REPLACE FUNCTION dashboard_fact(sign integer, level text, programme_code text, kind text, due_date date,
                               completed_on date, last_accepted_report_at timestamptz, created_at timestamptz,
                               published_at timestamptz, lead_agency_ids bigint[])
  RETURNS dashboard_fact LANGUAGE sql IMMUTABLE AS $$
  SELECT ROW(sign, level, programme_code, kind, due_date, completed_on, last_accepted_report_at IS NOT NULL,
             task_quiet_since(last_accepted_report_at, created_at, published_at), lead_agency_ids)::dashboard_fact
$$;

-- Adds the facts to the tally of every built day (or of `only_day`), judged by the task-standing
-- functions (task_standing.sql) as computeDashboard's per-task statements judge them
-- (dashboard.queries.ts); dashboard.tally.test.ts holds the two equal through every kind of write.
-- due_on: the due date of an open task due within a year (the "due soon" window, at most 366 days, is
-- chosen per request).
CREATE OR REPLACE FUNCTION dashboard_tally_apply(facts dashboard_fact[], only_day date DEFAULT NULL)
  RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(facts) IS NULL OR cardinality(facts) = 0 THEN RETURN; END IF;
  WITH judged AS MATERIALIZED (
    SELECT dd.day, f.ord, f.sign, f.level, f.programme_code, f.lead_agency_ids, f.due_date, f.completed_on,
           dd.months,
           task_timeliness(f.kind, f.due_date, f.completed_on, f.has_results, dd.day) AS state,
           task_stale(f.completed_on, f.quiet_since, dd.day, dd.stale_after_days) AS stale
    FROM unnest(facts) WITH ORDINALITY f(sign, level, programme_code, kind, due_date, completed_on, has_results,
                                         quiet_since, lead_agency_ids, ord)
    CROSS JOIN dashboard_days dd
    WHERE only_day IS NULL OR dd.day = only_day
  ), tasks_tally AS (
    INSERT INTO dashboard_tally_tasks (day, level, programme_code, state, stale, ageing, due_on, ck, dk, sk, ek, n)
    SELECT j.day, j.level, j.programme_code, j.state, j.stale,
           task_ageing_band(j.state, j.due_date, j.day),
           CASE WHEN task_due_soon(j.due_date, j.completed_on, j.day, 366) THEN j.due_date END,
           width_bucket(task_completed_by(j.completed_on, j.day), j.months),
           width_bucket(j.due_date, j.months),
           width_bucket(task_overdue_from(j.due_date, j.completed_on, j.day), j.months),
           width_bucket(task_overdue_until(j.due_date, j.completed_on, j.day), j.months),
           sum(j.sign)
    FROM judged j
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
    HAVING sum(j.sign) <> 0
  ), bodies_tally AS (
    INSERT INTO dashboard_tally_bodies (day, level, programme_code, agency_id, total, stale, not_started, in_progress_on_time, in_progress_overdue, done_on_time, done_late, continuous_with_results, continuous_without_results)
    SELECT j.day, j.level, j.programme_code, l.agency_id, sum(j.sign), coalesce(sum(j.sign) FILTER (WHERE j.stale), 0),
           coalesce(sum(j.sign) FILTER (WHERE j.state = 'not_started'), 0),
           coalesce(sum(j.sign) FILTER (WHERE j.state = 'in_progress_on_time'), 0),
           coalesce(sum(j.sign) FILTER (WHERE j.state = 'in_progress_overdue'), 0),
           coalesce(sum(j.sign) FILTER (WHERE j.state = 'done_on_time'), 0),
           coalesce(sum(j.sign) FILTER (WHERE j.state = 'done_late'), 0),
           coalesce(sum(j.sign) FILTER (WHERE j.state = 'continuous_with_results'), 0),
           coalesce(sum(j.sign) FILTER (WHERE j.state = 'continuous_without_results'), 0)
    FROM judged j CROSS JOIN LATERAL unnest(j.lead_agency_ids) l(agency_id)
    GROUP BY 1, 2, 3, 4
  ), leads_tally AS (
    -- Open tasks per set of lead bodies (tasks.lead_agency_ids, kept sorted): the "no one to report"
    -- figure asks withoutReporterSql() (task.standing.ts) of each set at every request, since who can
    -- report is an account's fact that no trigger here follows.
    INSERT INTO dashboard_tally_leads (day, level, programme_code, lead_agency_ids, n)
    SELECT j.day, j.level, j.programme_code, j.lead_agency_ids, sum(j.sign)
    FROM judged j
    WHERE j.completed_on IS NULL
    GROUP BY 1, 2, 3, 4
    HAVING sum(j.sign) <> 0
  ), provinces AS MATERIALIZED (
    -- "= ANY(array)", not "IN (subquery)": a condition the view passes down to the agencies' indexes,
    -- so a write that corrects a few tasks reads a few bodies instead of every body's provinces
    SELECT * FROM agency_provinces
    WHERE agency_id = ANY (ARRAY(SELECT DISTINCT unnest(j.lead_agency_ids) FROM judged j))
  ), task_provinces AS (
    SELECT DISTINCT j.day, j.ord, p.province_id
    FROM judged j CROSS JOIN LATERAL unnest(j.lead_agency_ids) l(agency_id)
    JOIN provinces p ON p.agency_id = l.agency_id
  )
  INSERT INTO dashboard_tally_provinces (day, level, programme_code, province_id, total, stale, not_started, in_progress_on_time, in_progress_overdue, done_on_time, done_late, continuous_with_results, continuous_without_results)
  SELECT j.day, j.level, j.programme_code, tp.province_id, sum(j.sign), coalesce(sum(j.sign) FILTER (WHERE j.stale), 0),
           coalesce(sum(j.sign) FILTER (WHERE j.state = 'not_started'), 0),
           coalesce(sum(j.sign) FILTER (WHERE j.state = 'in_progress_on_time'), 0),
           coalesce(sum(j.sign) FILTER (WHERE j.state = 'in_progress_overdue'), 0),
           coalesce(sum(j.sign) FILTER (WHERE j.state = 'done_on_time'), 0),
           coalesce(sum(j.sign) FILTER (WHERE j.state = 'done_late'), 0),
           coalesce(sum(j.sign) FILTER (WHERE j.state = 'continuous_with_results'), 0),
           coalesce(sum(j.sign) FILTER (WHERE j.state = 'continuous_without_results'), 0)
  FROM task_provinces tp JOIN judged j ON j.day = tp.day AND j.ord = tp.ord
  GROUP BY 1, 2, 3, 4;
END $$;
