-- Periodic reports (báo cáo định kỳ): each request is kept with its figures frozen as they were when it
-- was made, and its .docx and .xlsx in the storage, so it can be downloaded again unchanged.
CREATE TABLE periodic_reports (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- The body whose tasks it covers (its subtree); NULL: the nation.
  scope_agency_id bigint REFERENCES agencies (id),
  period_from     date NOT NULL,
  period_to       date NOT NULL CHECK (period_to >= period_from),
  state           text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'done', 'failed')),
  job_id          bigint REFERENCES jobs (id),
  figures         jsonb,
  docx_key        text,
  xlsx_key        text,
  created_by      bigint REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  finished_at     timestamptz
);
CREATE INDEX periodic_reports_creator ON periodic_reports (created_by, created_at DESC);
