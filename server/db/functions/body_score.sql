-- Body scores (issue 15; server/src/scores): the rules a score's components judge by that no other
-- part of the system had yet. The rest of a score is judged by the rules that exist (task_standing.sql:
-- timeliness and staleness; obligation_periods.sql: recurring reports met or missed).

-- Score weights are history: a new setting is a new row, nothing is changed or removed.
CREATE OR REPLACE FUNCTION score_weights_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'score weights are kept as history: add a row instead';
END $$;
CREATE OR REPLACE TRIGGER score_weights_append_only BEFORE UPDATE OR DELETE ON score_weights
  FOR EACH ROW EXECUTE FUNCTION score_weights_append_only();

-- The day a directive counts from: its issue date, else the Vietnamese day it was published.
CREATE OR REPLACE FUNCTION directive_issued_day(issued_on date, published_at timestamptz)
  RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(issued_on, (published_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
$$;

-- The day the body `p_agency_id` issued its implementation plan of the higher directive
-- `p_directive_id`: the earliest issue day of a published directive the body owns (its scope) with a
-- task implementing one of the higher directive's tasks. NULL while it has none.
CREATE OR REPLACE FUNCTION implementation_plan_day(p_agency_id bigint, p_directive_id bigint)
  RETURNS date LANGUAGE sql STABLE AS $$
  SELECT min(directive_issued_day(p.issued_on, p.published_at))
  FROM directives p
  JOIN tasks pt ON pt.directive_id = p.id
  JOIN tasks ht ON ht.id = pt.parent_task_id
  WHERE p.scope_agency_id = p_agency_id AND p.status = 'published' AND ht.directive_id = p_directive_id
$$;

-- A report accepted the first time it was reviewed: accepted, and never returned (a returned report is
-- fixed and sent again as the same report, and its history keeps the return).
CREATE OR REPLACE FUNCTION report_accepted_first_time(p_report_id bigint, p_state text)
  RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT p_state = 'accepted' AND NOT EXISTS (
    SELECT 1 FROM events e
    WHERE e.entity_type = 'progress_report' AND e.entity_id = p_report_id AND e.action = 'return')
$$;
