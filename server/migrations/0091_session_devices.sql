-- Sessions listed per user (issue 16): each session gets an opaque id to name it by (never the token),
-- and keeps the browser's User-Agent and the address it signed in from, so its owner can tell their
-- sessions apart and sign one out. Sessions from before have neither (shown as an unknown device).
ALTER TABLE sessions
  ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  ADD COLUMN user_agent text NOT NULL DEFAULT '',
  ADD COLUMN ip text NOT NULL DEFAULT '';

-- live_session() now also answers the session's id and when it was last seen (its result changes,
-- which CREATE OR REPLACE cannot do): server/db/functions/live_session.sql makes it again.
DROP FUNCTION live_session(text, timestamptz);
