-- Tasks assigned to a national group in a province's or a commune's directive before 0071: moved to the
-- group's part inside the scope by 0071's trigger (a no-op update fires it). In its own migration: run
-- in the transaction that created the trigger, PGlite was left unable to run later statements.
UPDATE task_assignments SET role = role
WHERE agency_id IN (SELECT id FROM agencies WHERE kind = 'group' AND scoped_from_id IS NULL)
  AND task_id IN (SELECT t.id FROM tasks t JOIN directives d ON d.id = t.directive_id WHERE d.scope_agency_id IS NOT NULL);
