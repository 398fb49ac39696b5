-- The days an administrator records over the working-day rules (server/src/calendar/working-days.ts):
-- a day off the rules do not know (a bridging day the Prime Minister grants, a national mourning day),
-- or a day worked that the rules would give off (the Saturday worked in exchange, "làm bù").
CREATE TABLE calendar_days (
  day        date PRIMARY KEY,
  kind       text NOT NULL CHECK (kind IN ('day_off', 'working_day')),
  note       text NOT NULL CHECK (length(note) BETWEEN 1 AND 500),
  created_by bigint REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
