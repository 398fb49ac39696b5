-- Progress a task list (a spreadsheet) already recorded when it was imported: the task starts there,
-- marked as imported rather than reported by its body. NULL: the task started at 0.
ALTER TABLE tasks ADD COLUMN starting_progress integer CHECK (starting_progress BETWEEN 0 AND 100);
