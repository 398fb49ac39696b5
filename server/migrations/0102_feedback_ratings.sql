-- Satisfaction ("một thước đo", issue 13): the submitter rates the answer once (1–5, a comment if they
-- wish), proving who they are by the tracking code. A row of its own, keyed by the submission, so "once"
-- is the primary key's rule. The comment is for the body and the office; it is never published.
CREATE TABLE feedback_ratings (
  feedback_id bigint PRIMARY KEY REFERENCES feedback (id) ON DELETE CASCADE,
  rating      smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment     text CHECK (length(comment) BETWEEN 1 AND 2000),
  rated_at    timestamptz NOT NULL DEFAULT now()
);

-- The rating is a step of the submission's history like the routing ones.
ALTER TABLE feedback_history DROP CONSTRAINT feedback_history_action_check;
ALTER TABLE feedback_history ADD CONSTRAINT feedback_history_action_check
  CHECK (action IN ('received', 'assigned', 'transferred', 'answered', 'rated'));
