-- Dashboard (server/src/dashboard): the lead rows of each task in task order, with the body, so the
-- tasks with more than one lead body (whose province could be counted twice) are found by one ordered
-- index-only pass instead of hashing every lead row.
CREATE INDEX task_assignments_lead ON task_assignments (task_id) INCLUDE (agency_id) WHERE role = 'lead';
