-- A body's response figures (issue 13, "một thước đo"), over the submissions answered by it and by the
-- bodies under it: how many were answered, how many of those in time (feedback_standing(), the one rule;
-- an answered one's standing does not depend on the day asked), how many were rated and the average
-- rating. One place for the public body page and the API the dashboard reads.
CREATE OR REPLACE FUNCTION feedback_response_figures(body bigint)
  RETURNS TABLE (answered integer, answered_on_time integer, on_time_share double precision, rated integer,
                 average_rating double precision)
  LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT answered, answered_on_time, answered_on_time::float8 / nullif(answered, 0), rated, average_rating
  FROM (
    SELECT count(*)::int AS answered,
           count(*) FILTER (
             WHERE feedback_standing(f.answer_due_on, f.due_soon_from, f.answered_on, f.answered_on) = 'on_time'
           )::int AS answered_on_time,
           count(r.rating)::int AS rated,
           avg(r.rating)::float8 AS average_rating
    FROM agencies b
    JOIN agencies a ON a.path <@ b.path
    JOIN feedback f ON f.assigned_agency_id = a.id AND f.status = 'answered'
    LEFT JOIN feedback_ratings r ON r.feedback_id = f.id
    WHERE b.id = body
  ) counted
$$;
