-- Progress: a report records which part it covers, and a task has at most one pending extension.

-- The reporting body's role on the task when the report was written. It decides what acceptance does
-- (only a lead report moves the task's progress or completes it) and which reports meet a recurring
-- obligation. Stored rather than re-derived from task_assignments because assignments change (a merged
-- body's tasks pass to its successor) while a report stays what it was. Default 'lead': most reports are.
ALTER TABLE progress_reports
  ADD COLUMN agency_role text NOT NULL DEFAULT 'lead' CHECK (agency_role IN ('lead', 'coordinating'));

-- Recurring obligations look for a lead report submitted within each period of one task.
CREATE INDEX progress_reports_task_lead_submitted ON progress_reports (task_id, submitted_at)
  WHERE agency_role = 'lead' AND state IN ('submitted', 'accepted');

-- One request at a time: a second pending request for the same task would race the first decision.
CREATE UNIQUE INDEX deadline_extensions_one_pending ON deadline_extensions (task_id) WHERE state = 'pending';
