-- A report that lowers a task's progress below the figure last accepted says why, and the reviewer reads
-- both figures beside the reason. The reason is written with the report (a draft may carry it); the
-- figure it went below is fixed when the report is submitted (server/db/functions/accepted_progress.sql).
ALTER TABLE progress_reports
  ADD COLUMN progress_lowered_reason text NOT NULL DEFAULT '',
  ADD COLUMN progress_lowered_from integer CHECK (progress_lowered_from BETWEEN 0 AND 100);

-- create_progress_report takes the reason and answers with the two columns: a new signature, so the old
-- one goes (server/db/functions/create_progress_report.sql defines the new one).
DROP FUNCTION create_progress_report(bigint, bigint, bigint, integer, text, text, text, timestamptz, timestamptz,
                                     text[], text[], bigint, jsonb);
