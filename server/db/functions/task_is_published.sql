-- A lookup on the busiest requests, as a PL/pgSQL function so that its plan is kept: the app sends
-- each statement as text, so PostgreSQL parses and plans it on every call, and for these lookups
-- planning cost more than running (measured on a durable server, 16 clients creating reports: the
-- session lookup ≈0.2 ms to plan and ≈0.05 ms to run, the body-role and published checks about the
-- same). A PL/pgSQL function prepares its statements once per connection and reuses the plan; the
-- calling statement only plans a function call.

-- Whether the task's directive is published (only then do bodies see and report on the task).
CREATE OR REPLACE FUNCTION task_is_published(task_id bigint) RETURNS boolean
  LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN EXISTS (
    SELECT 1 FROM tasks t JOIN directives d ON d.id = t.directive_id
    WHERE t.id = task_is_published.task_id AND d.status = 'published');
END $$;
