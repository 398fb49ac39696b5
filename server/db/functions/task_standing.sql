-- How a task stands on a reference day: computed, never stored.
--
-- The official split: done on time / done late / in progress overdue / in progress within deadline,
-- plus not started; continuous (and date-less recurring) tasks are counted apart, with or without
-- results. "today" is an argument so lists, dashboards and tests agree on the reference date.
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
