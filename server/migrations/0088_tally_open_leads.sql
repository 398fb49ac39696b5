-- History, as applied: the current bodies of the functions, views and triggers are in
-- server/db/functions/ (re-applied after the migrations at every start).
-- The dashboard's "no one to report" figure from the day's tally: the open tasks counted per set of lead
-- bodies (kept by dashboard_tally_apply, as the other counts), so that a request asks reporting_bodies
-- of a few thousand sets instead of every open task (≈0.9 s per national dashboard under load).
-- Who can report is not in the tally: it is asked at each request, so an account made or deactivated
-- counts at once.
CREATE TABLE dashboard_tally_leads (
  day             date NOT NULL REFERENCES dashboard_days (day) ON DELETE CASCADE,
  level           text NOT NULL,
  programme_code  text,
  lead_agency_ids bigint[] NOT NULL,
  n               integer NOT NULL
);
CREATE INDEX dashboard_tally_leads_day ON dashboard_tally_leads (day);
