-- History, as applied: the current bodies of the functions, views and triggers defined here are in
-- server/db/functions/ (re-applied after the migrations at every start).
-- Lookups that run on the busiest requests, as PL/pgSQL functions so that their plans are kept.
--
-- The app sends each statement as text, so PostgreSQL parses and plans it on every call. For these
-- lookups, planning cost more than running (measured on a durable server, 16 clients creating reports:
-- the session lookup ≈0.2 ms to plan and ≈0.05 ms to run, the body-role and published checks about
-- the same). A PL/pgSQL function prepares its statements once per connection and reuses the plan,
-- and the calling statement only plans a function call.

-- The role a body holds on a task: lead wins over coordinating; an assignment to a named group counts
-- for each of its members. NULL when the body is not assigned.
CREATE FUNCTION body_role_on(task_id bigint, agency_id bigint) RETURNS text
  LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (
    SELECT CASE WHEN bool_or(ta.role = 'lead') THEN 'lead' WHEN bool_or(ta.role = 'coordinating') THEN 'coordinating' END
    FROM task_assignments ta
    WHERE ta.task_id = body_role_on.task_id
      AND (ta.agency_id = body_role_on.agency_id OR EXISTS (
        SELECT 1 FROM agency_group_members gm
        WHERE gm.group_id = ta.agency_id AND gm.member_id = body_role_on.agency_id)));
END $$;

-- Whether the task's directive is published (only then do bodies see and report on the task).
CREATE FUNCTION task_is_published(task_id bigint) RETURNS boolean
  LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN EXISTS (
    SELECT 1 FROM tasks t JOIN directives d ON d.id = t.directive_id
    WHERE t.id = task_is_published.task_id AND d.status = 'published');
END $$;

-- The signed-in user behind a session token's hash (before every signed-in request): no row when the
-- session is unknown or expired or the account was deactivated.
CREATE FUNCTION live_session(token_hash text, at timestamptz)
  RETURNS TABLE (user_id bigint, csrf_token text, role text, agency_id bigint, agency_path text,
                 scope_agency_id bigint, scope_path text)
  LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN QUERY
    SELECT s.user_id, s.csrf_token, u.role, u.agency_id, a.path::text, u.scope_agency_id, sa.path::text
    FROM sessions s
    JOIN users u ON u.id = s.user_id AND u.is_active
    JOIN agencies a ON a.id = u.agency_id
    LEFT JOIN agencies sa ON sa.id = u.scope_agency_id
    WHERE s.token_hash = live_session.token_hash AND s.expires_at > live_session.at;
END $$;
