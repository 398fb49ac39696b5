-- How a task stands on a reference day (PRODUCT.md "How progress is judged"): computed, never stored.
-- "today" is an argument so lists, dashboards and tests agree on the reference date. The task list
-- and detail, the dashboard (task by task and its tally) and the demo all call these; the server reads
-- a task's columns into them in one module (server/src/tasks/task.standing.ts).
--
-- Each is a one-expression IMMUTABLE SQL function, so the planner inlines it into the calling
-- statement: no call per row, and the plans (indexes, grouping) are those of the expression itself.

-- The official split: done on time / done late / in progress overdue / in progress within deadline,
-- plus not started; continuous (and date-less recurring) tasks are counted apart, with or without
-- results (an accepted report).
CREATE OR REPLACE FUNCTION task_timeliness(kind text, due date, completed date, has_results boolean, today date)
  RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN completed IS NOT NULL THEN
      CASE WHEN due IS NULL OR completed <= due THEN 'done_on_time' ELSE 'done_late' END
    WHEN due IS NULL AND kind IN ('continuous', 'recurring') THEN
      CASE WHEN has_results THEN 'continuous_with_results' ELSE 'continuous_without_results' END
    WHEN due IS NOT NULL AND today > due THEN 'in_progress_overdue'
    WHEN NOT has_results THEN 'not_started'
    ELSE 'in_progress_on_time'
  END
$$;

-- "Due soon" (sắp đến hạn), a warning beside the state: not completed and the deadline falls within
-- `days` days, today included — a task due today is still on time but due soon.
CREATE OR REPLACE FUNCTION task_due_soon(due date, completed date, today date, days integer)
  RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT completed IS NULL AND due IS NOT NULL AND due BETWEEN today AND today + days
$$;

-- Days past the deadline: still open → today − due; finished late → completed − due; else 0.
CREATE OR REPLACE FUNCTION task_days_overdue(due date, completed date, today date)
  RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN due IS NULL THEN 0
    WHEN completed IS NOT NULL THEN greatest(completed - due, 0)
    ELSE greatest(today - due, 0)
  END
$$;

-- How long an open overdue task has been overdue, in bands: 1 (1–30 days), 2 (31–90), 3 (91–180),
-- 4 (more); 0 for a task in any other state. The dashboard's ageing figures list each band's tasks by
-- due date (AGEING_BANDS in task.standing.ts; a test holds the two equal).
CREATE OR REPLACE FUNCTION task_ageing_band(state text, due date, today date)
  RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN state <> 'in_progress_overdue' THEN 0
    WHEN due >= today - 30 THEN 1
    WHEN due >= today - 90 THEN 2
    WHEN due >= today - 180 THEN 3
    ELSE 4
  END
$$;

-- Since when a task has been quiet: its last accepted report, else since it went live (created, or
-- its directive published, whichever is later).
CREATE OR REPLACE FUNCTION task_quiet_since(last_accepted_report_at timestamptz, created_at timestamptz,
                                            published_at timestamptz)
  RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(last_accepted_report_at, greatest(created_at, published_at))
$$;

-- "Stale" (PRODUCT.md's "no report for 30 days", made exact): not done, and quiet since before the
-- start (in Vietnam) of the day `days` days before today. Continuous tasks count too.
CREATE OR REPLACE FUNCTION task_stale(completed date, quiet_since timestamptz, today date, days integer)
  RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT completed IS NULL AND quiet_since < ((today - days)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
$$;

-- The monthly trend follows each task through three days, each NULL when it has not come by today:
-- its completion; the first day it was overdue (the day after its deadline, unless done by then); and
-- the day it stopped being overdue (completed late). A task is open and overdue from the second to
-- the day before the third.
CREATE OR REPLACE FUNCTION task_completed_by(completed date, today date)
  RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN completed <= today THEN completed END
$$;

CREATE OR REPLACE FUNCTION task_overdue_from(due date, completed date, today date)
  RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN due < today AND (completed IS NULL OR completed > due) THEN due + 1 END
$$;

CREATE OR REPLACE FUNCTION task_overdue_until(due date, completed date, today date)
  RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN completed > due AND completed <= today THEN completed END
$$;
