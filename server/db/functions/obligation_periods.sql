-- Recurring reporting obligations (hằng tháng / hằng quý báo cáo), PRODUCT.md: one expectation per
-- calendar period (ISO week from Monday, month, quarter, half-year from January or July, year) from the
-- period containing `from_day` to the one containing `as_of`, each with the first lead report submitted
-- within it, judged on the Vietnamese calendar: a report sent at 06:30 on 1 February in Hà Nội (still
-- 31 January in UTC) counts for February. A returned report that was not sent again does not count; a
-- submitted or accepted one does. Longer spans are cut at 1000 periods (ten years of weeks is ~520).
-- The task page (server/src/reports/obligation.*) and the body scores (server/src/scores) both read it.
CREATE OR REPLACE FUNCTION obligation_periods(p_task_id bigint, p_period text, p_from date, p_as_of date)
  RETURNS TABLE (period_start date, period_end date, report_id bigint)
  LANGUAGE sql STABLE AS $$
  WITH spec AS (
    SELECT CASE p_period
             WHEN 'weekly' THEN interval '1 week'
             WHEN 'monthly' THEN interval '1 month'
             WHEN 'quarterly' THEN interval '3 months'
             WHEN 'half-yearly' THEN interval '6 months'
             ELSE interval '1 year' END AS step,
           CASE p_period
             WHEN 'weekly' THEN date_trunc('week', p_from::timestamp)
             WHEN 'monthly' THEN date_trunc('month', p_from::timestamp)
             WHEN 'quarterly' THEN date_trunc('quarter', p_from::timestamp)
             WHEN 'half-yearly' THEN make_date(extract(year FROM p_from)::int,
                                               CASE WHEN extract(month FROM p_from) <= 6 THEN 1 ELSE 7 END, 1)::timestamp
             ELSE date_trunc('year', p_from::timestamp) END AS first_start
  ),
  periods AS (
    SELECT g AS starts, g + spec.step AS ends
    FROM spec, generate_series(spec.first_start, p_as_of::timestamp, spec.step) AS g
    ORDER BY g
    LIMIT 1000
  )
  SELECT p.starts::date, (p.ends::date - 1),
         (SELECT r.id FROM progress_reports r
           WHERE r.task_id = p_task_id AND r.agency_role = 'lead' AND r.state IN ('submitted', 'accepted')
             AND r.submitted_at >= (p.starts AT TIME ZONE 'Asia/Ho_Chi_Minh')
             AND r.submitted_at < (p.ends AT TIME ZONE 'Asia/Ho_Chi_Minh')
           ORDER BY r.submitted_at, r.id LIMIT 1)
  FROM periods p
  ORDER BY p.starts
$$;

-- The day a task's obligations count from: its directive's issue date, else the Vietnamese day the
-- task was created.
CREATE OR REPLACE FUNCTION obligation_from_day(directive_issued_on date, task_created_at timestamptz)
  RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(directive_issued_on, (task_created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
$$;

-- A period's obligation on `as_of`: met once a report came in; missed when the period ended without
-- one; open while it has not ended, as it cannot be missed yet.
CREATE OR REPLACE FUNCTION obligation_status(report_id bigint, period_end date, as_of date)
  RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN report_id IS NOT NULL THEN 'met' WHEN period_end < as_of THEN 'missed' ELSE 'open' END
$$;
