-- The progress a body's next report is compared with: "lowering progress" means going below it, and a
-- report that does says why (the reports service refuses it otherwise).
--
-- A lead body's report speaks for the task, so its figure is the task's progress (the last accepted lead
-- report's; it stays with the task when the lead body changes). A coordinating body reports its own part:
-- its figure is its own last accepted report on the task. NULL when the body holds no role on the task, or
-- a coordinating body has no accepted report yet. PL/pgSQL so that its statements keep their plans (it
-- runs on every report submitted).
CREATE OR REPLACE FUNCTION accepted_progress(p_task_id bigint, p_agency_id bigint, p_role text) RETURNS integer
  LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF p_role = 'lead' THEN
    RETURN (SELECT t.progress_percent FROM tasks t WHERE t.id = p_task_id);
  ELSIF p_role = 'coordinating' THEN
    RETURN (SELECT r.percent FROM progress_reports r
            WHERE r.task_id = p_task_id AND r.agency_id = p_agency_id AND r.state = 'accepted'
            ORDER BY r.reviewed_at DESC NULLS LAST, r.id DESC LIMIT 1);
  END IF;
  RETURN NULL;
END $$;

-- The figure a report of `p_percent` goes below, or NULL when it does not lower the body's progress.
CREATE OR REPLACE FUNCTION progress_lowered_from(p_task_id bigint, p_agency_id bigint, p_role text, p_percent integer)
  RETURNS integer LANGUAGE plpgsql STABLE AS $$
DECLARE
  figure integer;
BEGIN
  IF p_percent >= 100 THEN
    RETURN NULL;
  END IF;
  figure := accepted_progress(p_task_id, p_agency_id, p_role);
  RETURN CASE WHEN p_percent < figure THEN figure END;
END $$;
