-- More kinds of reminder, each sent once per what it is about (see 0131):
--  'overdue_repeat': to the lead body every N days while overdue; `threshold` = the days overdue it answered.
--  'stale': no accepted report for N days; `due_date` = the day the task fell quiet (a new report moves it).
--  'review': a report waiting for review N days; `due_date` = the day the oldest waiting report was sent.
ALTER TABLE task_reminders DROP CONSTRAINT task_reminders_kind_check;
ALTER TABLE task_reminders ADD CONSTRAINT task_reminders_kind_check
  CHECK (kind IN ('due', 'overdue', 'overdue_repeat', 'stale', 'review'));
