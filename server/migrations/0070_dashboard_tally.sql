-- History, as applied: the current bodies of the functions, views and triggers defined here are in
-- server/db/functions/ (re-applied after the migrations at every start).
-- Dashboard tally (server/src/dashboard/dashboard.tally.ts): the national dashboard's figures for one
-- reference day, kept as counts that every write to their inputs corrects in its own transaction.
--
-- Why: a national dashboard judges 200,000 tasks on a day; judging them on every request costs about
-- a second of database time. A task's state on a given day depends only on its own facts (deadline,
-- completion, accepted reports, directive, lead bodies), so the counts for that day can be built once
-- and then corrected by the triggers below whenever one of those facts changes. Nothing here goes stale
-- by the passing of time: a tally belongs to its day, and another day is built afresh (or judged task
-- by task). Rows are only ever inserted (a change adds −1 for the old facts and +1 for the new), so
-- concurrent writers never wait on one another; readers sum the rows of the day.

-- Each task carries its lead bodies, kept by a trigger on task_assignments, so that a task's facts are
-- one row (and a deleted task's lead bodies are still known to the trigger that un-counts it).
ALTER TABLE tasks ADD COLUMN lead_agency_ids bigint[] NOT NULL DEFAULT '{}';
UPDATE tasks t SET lead_agency_ids = s.ids
FROM (SELECT task_id, array_agg(agency_id ORDER BY agency_id) AS ids FROM task_assignments WHERE role = 'lead' GROUP BY task_id) s
WHERE s.task_id = t.id;

-- The province a body belongs to (the root of its path), and for a named group every province of its members.
CREATE VIEW agency_provinces AS
  SELECT a.id AS agency_id, ltree2text(subpath(a.path, 0, 1))::bigint AS province_id FROM agencies a WHERE a.kind <> 'group'
  UNION
  SELECT gm.group_id, ltree2text(subpath(m.path, 0, 1))::bigint
  FROM agency_group_members gm JOIN agencies m ON m.id = gm.member_id;

CREATE TABLE dashboard_days (
  day              date PRIMARY KEY,
  stale_after_days integer NOT NULL,
  -- First day of each month of the trend window: day's month − 11 … the month after day's (13 dates).
  months           date[] NOT NULL,
  built_at         timestamptz NOT NULL DEFAULT now()
);

-- Each task once: everything but the per-body and per-province tables.
CREATE TABLE dashboard_tally_tasks (
  day            date NOT NULL REFERENCES dashboard_days (day) ON DELETE CASCADE,
  level          text NOT NULL,
  programme_code text,
  state          text NOT NULL,
  stale          boolean NOT NULL,
  ageing         smallint NOT NULL,
  -- Open tasks due within a year from day: their due date (the "due soon" window is chosen per request).
  due_on         date,
  ck             integer,
  on_time        boolean,
  dk             integer,
  sk             integer,
  ek             integer,
  n              integer NOT NULL
);
CREATE INDEX dashboard_tally_tasks_day ON dashboard_tally_tasks (day);

-- Each (task, lead body) once, a row per body with a column per state (read ≈10× faster than a row per state).
CREATE TABLE dashboard_tally_bodies (
  day            date NOT NULL REFERENCES dashboard_days (day) ON DELETE CASCADE,
  level          text NOT NULL,
  programme_code text,
  agency_id      bigint NOT NULL,
  total                      integer NOT NULL,
  stale                      integer NOT NULL,
  not_started                integer NOT NULL,
  in_progress_on_time        integer NOT NULL,
  in_progress_overdue        integer NOT NULL,
  done_on_time               integer NOT NULL,
  done_late                  integer NOT NULL,
  continuous_with_results    integer NOT NULL,
  continuous_without_results integer NOT NULL
);
CREATE INDEX dashboard_tally_bodies_day ON dashboard_tally_bodies (day);

-- Each (task, province of one of its lead bodies) once.
CREATE TABLE dashboard_tally_provinces (
  day            date NOT NULL REFERENCES dashboard_days (day) ON DELETE CASCADE,
  level          text NOT NULL,
  programme_code text,
  province_id    bigint NOT NULL,
  total                      integer NOT NULL,
  stale                      integer NOT NULL,
  not_started                integer NOT NULL,
  in_progress_on_time        integer NOT NULL,
  in_progress_overdue        integer NOT NULL,
  done_on_time               integer NOT NULL,
  done_late                  integer NOT NULL,
  continuous_with_results    integer NOT NULL,
  continuous_without_results integer NOT NULL
);
CREATE INDEX dashboard_tally_provinces_day ON dashboard_tally_provinces (day);

-- A task of a published directive as the tally sees it; sign +1 counts it, −1 un-counts it.
CREATE TYPE dashboard_fact AS (
  sign            integer,
  level           text,
  programme_code  text,
  kind            text,
  due_date        date,
  completed_on    date,
  has_results     boolean,
  -- Since when the task has been quiet: its last accepted report, else when it went live.
  quiet_since     timestamptz,
  lead_agency_ids bigint[]
);

CREATE FUNCTION dashboard_fact(sign integer, level text, programme_code text, kind text, due_date date,
                               completed_on date, last_accepted_report_at timestamptz, created_at timestamptz,
                               published_at timestamptz, lead_agency_ids bigint[])
  RETURNS dashboard_fact LANGUAGE sql IMMUTABLE AS $$
  SELECT ROW(sign, level, programme_code, kind, due_date, completed_on, last_accepted_report_at IS NOT NULL,
             coalesce(last_accepted_report_at, greatest(created_at, published_at)), lead_agency_ids)::dashboard_fact
$$;

-- Adds the facts to the tally of every built day (or of `only_day`). The same judgement as
-- computeDashboard's per-task statements (dashboard.queries.ts); a test holds the two equal.
CREATE FUNCTION dashboard_tally_apply(facts dashboard_fact[], only_day date DEFAULT NULL)
  RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(facts) IS NULL OR cardinality(facts) = 0 THEN RETURN; END IF;
  WITH judged AS MATERIALIZED (
    SELECT dd.day, f.ord, f.sign, f.level, f.programme_code, f.lead_agency_ids, f.due_date, f.completed_on,
           dd.months,
           task_timeliness(f.kind, f.due_date, f.completed_on, f.has_results, dd.day) AS state,
           (f.completed_on IS NULL
             AND f.quiet_since < ((dd.day - dd.stale_after_days)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')) AS stale
    FROM unnest(facts) WITH ORDINALITY f(sign, level, programme_code, kind, due_date, completed_on, has_results,
                                         quiet_since, lead_agency_ids, ord)
    CROSS JOIN dashboard_days dd
    WHERE only_day IS NULL OR dd.day = only_day
  ), tasks_tally AS (
    INSERT INTO dashboard_tally_tasks (day, level, programme_code, state, stale, ageing, due_on, ck, on_time, dk, sk, ek, n)
    SELECT j.day, j.level, j.programme_code, j.state, j.stale,
           CASE WHEN j.state <> 'in_progress_overdue' THEN 0
                WHEN j.due_date >= j.day - 30 THEN 1
                WHEN j.due_date >= j.day - 90 THEN 2
                WHEN j.due_date >= j.day - 180 THEN 3
                ELSE 4 END,
           CASE WHEN j.completed_on IS NULL AND j.due_date BETWEEN j.day AND j.day + 366 THEN j.due_date END,
           CASE WHEN j.completed_on <= j.day THEN width_bucket(j.completed_on, j.months) END,
           (j.completed_on <= j.due_date OR j.due_date IS NULL),
           width_bucket(j.due_date, j.months),
           CASE WHEN j.due_date < j.day AND (j.completed_on IS NULL OR j.completed_on > j.due_date)
                THEN width_bucket(j.due_date + 1, j.months) END,
           CASE WHEN j.completed_on > j.due_date AND j.completed_on <= j.day
                THEN width_bucket(j.completed_on, j.months) END,
           sum(j.sign)
    FROM judged j
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12
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
  ), provinces AS MATERIALIZED (
    SELECT * FROM agency_provinces
    WHERE agency_id IN (SELECT DISTINCT unnest(j.lead_agency_ids) FROM judged j)
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

-- ── Keeping the tally true ──────────────────────────────────────────────────────────────────────
-- Statement-level triggers with transition tables: one call per statement, however many rows.

CREATE FUNCTION task_assignments_lead_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH changed AS (
    SELECT task_id FROM changed_rows WHERE role = 'lead'
  ), leads AS (
    SELECT c.task_id,
           coalesce((SELECT array_agg(ta.agency_id ORDER BY ta.agency_id) FROM task_assignments ta
                     WHERE ta.task_id = c.task_id AND ta.role = 'lead'), '{}') AS ids
    FROM (SELECT DISTINCT task_id FROM changed) c
  )
  UPDATE tasks t SET lead_agency_ids = l.ids
  FROM leads l WHERE t.id = l.task_id AND t.lead_agency_ids IS DISTINCT FROM l.ids;
  RETURN NULL;
END $$;

CREATE TRIGGER task_assignments_lead_inserted AFTER INSERT ON task_assignments
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION task_assignments_lead_changed();
CREATE TRIGGER task_assignments_lead_deleted AFTER DELETE ON task_assignments
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION task_assignments_lead_changed();
-- An UPDATE can move a row to another task or role: both the old and the new task are re-read.
CREATE FUNCTION task_assignments_lead_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH leads AS (
    SELECT c.task_id,
           coalesce((SELECT array_agg(ta.agency_id ORDER BY ta.agency_id) FROM task_assignments ta
                     WHERE ta.task_id = c.task_id AND ta.role = 'lead'), '{}') AS ids
    FROM (SELECT task_id FROM old_rows UNION SELECT task_id FROM new_rows) c
  )
  UPDATE tasks t SET lead_agency_ids = l.ids
  FROM leads l WHERE t.id = l.task_id AND t.lead_agency_ids IS DISTINCT FROM l.ids;
  RETURN NULL;
END $$;
CREATE TRIGGER task_assignments_lead_updated AFTER UPDATE ON task_assignments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION task_assignments_lead_updated();

CREATE FUNCTION dashboard_tasks_changed() RETURNS trigger LANGUAGE plpgsql AS $$
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

CREATE TRIGGER dashboard_tasks_inserted AFTER INSERT ON tasks
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_tasks_changed();
CREATE TRIGGER dashboard_tasks_updated AFTER UPDATE ON tasks
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_tasks_changed();
CREATE TRIGGER dashboard_tasks_deleted AFTER DELETE ON tasks
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_tasks_changed();

-- A directive published, withdrawn, or moved to another level or programme moves its tasks.
CREATE FUNCTION dashboard_directives_changed() RETURNS trigger LANGUAGE plpgsql AS $$
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
CREATE TRIGGER dashboard_directives_updated AFTER UPDATE ON directives
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_directives_changed();

-- A body moved in the tree or a group's members changed: which province a body counts for changes
-- (rare), so the built days are dropped and the next dashboard counts afresh.
CREATE FUNCTION dashboard_forget_days() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM dashboard_days;
  RETURN NULL;
END $$;
CREATE TRIGGER dashboard_agencies_moved AFTER UPDATE OF path, kind ON agencies
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_forget_days();
CREATE TRIGGER dashboard_group_members_changed AFTER INSERT OR UPDATE OR DELETE ON agency_group_members
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_forget_days();
