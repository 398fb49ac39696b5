-- Creating a progress report is the busiest write of the system (every body on a reporting deadline).
-- As one statement sent as text, PostgreSQL parsed, analysed and planned it on every call, which cost
-- more than running it (pgbench on the national scale, one client, without the commit's fsync: ≈0.9 ms
-- as a statement, ≈0.56 ms as this function, whose statements are prepared once per connection).
--
-- One call checks that the body may report on the task (the task's directive is published and the
-- body holds a role on it, directly or through a group: for a focal point or head exactly "sees the
-- task and is assigned to it"), inserts the report and its links, and writes its history row (through
-- record_event, the one writer of history), all in the caller's transaction. No row when the check
-- fails: the app then finds out why (404 or 403).
-- A report submitted at once below the progress last accepted (progress_lowered_from) records the figure
-- it went below; without a reason it is not inserted either, and the app says why (the reports service
-- holds the rule; the report's content it checks before calling).
-- The history row's `after` is the caller's facts plus the report's role and state (and the figure it
-- lowered, whose reason becomes the history row's reason).
CREATE OR REPLACE FUNCTION create_progress_report(
  p_task_id bigint, p_agency_id bigint, p_author_id bigint, p_percent integer, p_narrative text,
  p_difficulties text, p_recommendations text, p_lowered_reason text, p_submitted_at timestamptz, p_at timestamptz,
  p_link_urls text[], p_link_titles text[], p_actor_id bigint, p_history_after jsonb)
  RETURNS TABLE (id bigint, task_id bigint, agency_id bigint, agency_name text, agency_role text,
                 author_id bigint, author_name text, percent integer, narrative text, difficulties text,
                 recommendations text, progress_lowered_reason text, progress_lowered_from integer,
                 state text, submitted_at timestamptz, reviewed_by bigint,
                 reviewer_name text, reviewed_at timestamptz, review_comment text, version integer,
                 created_at timestamptz, updated_at timestamptz, evidence json)
  LANGUAGE plpgsql AS $$
DECLARE
  report progress_reports;
  body_role text := body_role_on(p_task_id, p_agency_id);
  links json := '[]'::json;
  lowered_from integer;
  history_after jsonb;
BEGIN
  IF body_role IS NULL OR NOT task_is_published(p_task_id) THEN
    RETURN;
  END IF;
  IF p_submitted_at IS NOT NULL THEN
    lowered_from := progress_lowered_from(p_task_id, p_agency_id, body_role, p_percent);
    IF lowered_from IS NOT NULL AND p_lowered_reason = '' THEN
      RETURN;
    END IF;
  END IF;
  INSERT INTO progress_reports AS r (task_id, agency_id, agency_role, author_id, percent, narrative, difficulties,
                                     recommendations, progress_lowered_reason, progress_lowered_from, state,
                                     submitted_at, created_at, updated_at)
  VALUES (p_task_id, p_agency_id, body_role, p_author_id, p_percent, p_narrative, p_difficulties,
          p_recommendations, p_lowered_reason, lowered_from,
          CASE WHEN p_submitted_at IS NULL THEN 'draft' ELSE 'submitted' END, p_submitted_at, p_at, p_at)
  RETURNING r.* INTO report;
  IF cardinality(p_link_urls) > 0 THEN
    WITH added AS (
      INSERT INTO evidence AS e (report_id, kind, url, title)
      SELECT report.id, 'link', link.url, link.title FROM unnest(p_link_urls, p_link_titles) AS link(url, title)
      RETURNING e.id, e.report_id, e.kind, e.url, e.title, e.created_at)
    SELECT json_agg(json_build_object(
             'id', a.id, 'report_id', a.report_id, 'kind', a.kind, 'url', a.url, 'title', a.title,
             'created_at', to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
             'file_id', NULL, 'filename', NULL, 'content_type', NULL, 'size_bytes', NULL, 'sha256', NULL,
             'public', false)
             ORDER BY a.id)
    INTO links FROM added a;
  END IF;
  history_after := p_history_after || jsonb_build_object('agencyRole', report.agency_role, 'state', report.state);
  IF lowered_from IS NOT NULL THEN
    history_after := history_after || jsonb_build_object('progressLoweredFrom', lowered_from);
  END IF;
  PERFORM record_event(p_at, p_actor_id, 'progress_report', report.id, 'create', NULL, history_after,
                       CASE WHEN lowered_from IS NOT NULL THEN p_lowered_reason END);
  RETURN QUERY
    SELECT report.id, report.task_id, report.agency_id, (SELECT a.name FROM agencies a WHERE a.id = report.agency_id),
           report.agency_role, report.author_id, (SELECT u.full_name FROM users u WHERE u.id = report.author_id),
           report.percent, report.narrative, report.difficulties, report.recommendations,
           report.progress_lowered_reason, report.progress_lowered_from, report.state,
           report.submitted_at, report.reviewed_by, NULL::text, report.reviewed_at, report.review_comment,
           report.version, report.created_at, report.updated_at, links;
END $$;
