-- History, as applied: the current bodies of the functions, views and triggers are in
-- server/db/functions/ (re-applied after the migrations at every start).
-- The bodies that can report, as the view reporting_bodies (body_can_report.sql) says, kept as a table
-- by triggers on the accounts and the groups' members: reading the view unions every body's acting-as
-- rows (≈60 ms under load at the national scale), on every dashboard and task list that asks who has no
-- one to report. Filled by the functions file (the view may not exist yet while migrations run).
CREATE TABLE reporting_bodies_kept (
  agency_id bigint PRIMARY KEY
);
