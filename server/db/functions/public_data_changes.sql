-- What the public sees changed (migration 0120): one row per writing transaction, whatever it wrote.
-- Statement-level, so a bulk import costs one row per statement at most (and one per transaction kept).
-- A transaction that rolls back leaves nothing; its triggers' row goes with it.

CREATE OR REPLACE FUNCTION public_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO public_data_changes (xact) VALUES (txid_current()) ON CONFLICT (xact) DO NOTHING;
  RETURN NULL;
END $$;

-- Every table a public page, open data set or feed reads.
CREATE OR REPLACE TRIGGER public_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON directives
  FOR EACH STATEMENT EXECUTE FUNCTION public_data_changed();
CREATE OR REPLACE TRIGGER public_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tasks
  FOR EACH STATEMENT EXECUTE FUNCTION public_data_changed();
CREATE OR REPLACE TRIGGER public_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON task_assignments
  FOR EACH STATEMENT EXECUTE FUNCTION public_data_changed();
CREATE OR REPLACE TRIGGER public_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON task_twins
  FOR EACH STATEMENT EXECUTE FUNCTION public_data_changed();
CREATE OR REPLACE TRIGGER public_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON progress_reports
  FOR EACH STATEMENT EXECUTE FUNCTION public_data_changed();
CREATE OR REPLACE TRIGGER public_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON evidence
  FOR EACH STATEMENT EXECUTE FUNCTION public_data_changed();
CREATE OR REPLACE TRIGGER public_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agencies
  FOR EACH STATEMENT EXECUTE FUNCTION public_data_changed();
CREATE OR REPLACE TRIGGER public_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agency_group_members
  FOR EACH STATEMENT EXECUTE FUNCTION public_data_changed();
CREATE OR REPLACE TRIGGER public_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON directive_implements
  FOR EACH STATEMENT EXECUTE FUNCTION public_data_changed();
CREATE OR REPLACE TRIGGER public_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON programmes
  FOR EACH STATEMENT EXECUTE FUNCTION public_data_changed();
-- A body's page shows its response figures (feedback_response_figures()): answers and ratings.
CREATE OR REPLACE TRIGGER public_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON feedback
  FOR EACH STATEMENT EXECUTE FUNCTION public_data_changed();
CREATE OR REPLACE TRIGGER public_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON feedback_ratings
  FOR EACH STATEMENT EXECUTE FUNCTION public_data_changed();
