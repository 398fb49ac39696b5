-- The tally's trend split completions by an on_time column, a second copy of "done on time": the
-- state of a task completed by the day says it already (server/db/functions/dashboard_tally.sql).
ALTER TABLE dashboard_tally_tasks DROP COLUMN on_time;
