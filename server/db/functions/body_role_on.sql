-- A lookup on the busiest requests, as a PL/pgSQL function so that its plan is kept: the app sends
-- each statement as text, so PostgreSQL parses and plans it on every call, and for these lookups
-- planning cost more than running (measured on a durable server, 16 clients creating reports: the
-- session lookup ≈0.2 ms to plan and ≈0.05 ms to run, the body-role and published checks about the
-- same). A PL/pgSQL function prepares its statements once per connection and reuses the plan; the
-- calling statement only plans a function call.

-- The role a body holds on a task, directly or through a named group it belongs to (agency_acts_as):
-- lead wins over coordinating. NULL when the body is not assigned.
CREATE OR REPLACE FUNCTION body_role_on(task_id bigint, agency_id bigint) RETURNS text
  LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (
    SELECT CASE WHEN bool_or(ta.role = 'lead') THEN 'lead' WHEN bool_or(ta.role = 'coordinating') THEN 'coordinating' END
    FROM task_assignments ta
    WHERE ta.task_id = body_role_on.task_id
      AND ta.agency_id IN (SELECT x.acts_as_id FROM agency_acts_as x WHERE x.agency_id = body_role_on.agency_id));
END $$;
