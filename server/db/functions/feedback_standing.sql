-- How a feedback submission stands against its answer limit (issue 13), on a reference day: 'on_time',
-- 'due_soon' (from due_soon_from, a few working days before the limit) or 'late'; NULL while nobody is
-- assigned (no limit yet). An answered one keeps whether it was answered in time. The working-day
-- arithmetic is done once, when it is assigned (server/src/calendar/working-days.ts), so SQL compares days.
CREATE OR REPLACE FUNCTION feedback_standing(answer_due date, due_soon_from date, answered date, today date)
  RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN answer_due IS NULL THEN NULL
    WHEN answered IS NOT NULL THEN CASE WHEN answered <= answer_due THEN 'on_time' ELSE 'late' END
    WHEN today > answer_due THEN 'late'
    WHEN today >= due_soon_from THEN 'due_soon'
    ELSE 'on_time'
  END
$$;
