-- Body scores (issue 15): the weights of a score's components, set by an administrator per level of
-- body and, optionally, per programme (NULL: every programme). Rows are never changed: a new setting is
-- a new row, so the history of weights is the table itself, and the current weights of a (level,
-- programme) are its latest row.
CREATE TABLE score_weights (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  level            text NOT NULL CHECK (level IN ('central', 'province', 'commune')),
  programme_code   text REFERENCES programmes (code),
  on_time          numeric NOT NULL CHECK (on_time >= 0),
  plan_in_time     numeric NOT NULL CHECK (plan_in_time >= 0),
  reports_on_time  numeric NOT NULL CHECK (reports_on_time >= 0),
  up_to_date       numeric NOT NULL CHECK (up_to_date >= 0),
  report_quality   numeric NOT NULL CHECK (report_quality >= 0),
  -- A body's implementation plan is in time within this many days of the higher plan's issue.
  plan_days        integer NOT NULL CHECK (plan_days BETWEEN 1 AND 366),
  -- The fairness method's prior strength k: each component is shrunk toward the level's mean as if
  -- the body had k more tasks (periods, reports) at that mean.
  prior_strength   numeric NOT NULL CHECK (prior_strength >= 0),
  reason           text,
  set_by           bigint REFERENCES users (id),
  set_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (on_time + plan_in_time + reports_on_time + up_to_date + report_quality > 0)
);
CREATE INDEX score_weights_current ON score_weights (level, programme_code, id DESC);

-- Kept append-only by the trigger in server/db/functions/body_score.sql.
