-- A job with a key is queued once for that key: a recurring job (a day's reminders) that every app
-- process queues for its period exists once.
ALTER TABLE jobs ADD COLUMN unique_key text;
CREATE UNIQUE INDEX jobs_unique_key ON jobs (unique_key) WHERE unique_key IS NOT NULL;

-- Each reminder about a task is sent once: a row per task, kind and the deadline it was about (a moved
-- deadline is reminded afresh). `threshold`: the days-before count it answered ('due'), 0 for 'overdue'.
-- Written in the transaction of the reminder's notifications, so a re-run or a second process skips it.
CREATE TABLE task_reminders (
  task_id    bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  kind       text NOT NULL CHECK (kind IN ('due', 'overdue')),
  due_date   date NOT NULL,
  threshold  integer NOT NULL,
  sent_on    date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (task_id, kind, due_date, threshold)
);
