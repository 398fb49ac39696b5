-- The tamper-evident chain of history (migration 0140). A row's hash is SHA-256 over the previous row's
-- hash and the row's own content, serialised canonically (a JSON array: jsonb's text form is the same on
-- every server, and the time is written in UTC whatever the session's time zone). The writer
-- (record_events) and the verifier (verify_events_chain) both call event_hash, so they cannot disagree.
CREATE OR REPLACE FUNCTION event_hash(
  p_prev bytea, p_id bigint, p_at timestamptz, p_actor_id bigint, p_entity_type text, p_entity_id bigint,
  p_action text, p_before jsonb, p_after jsonb, p_reason text)
  RETURNS bytea LANGUAGE sql STABLE AS $$
  SELECT sha256(convert_to(jsonb_build_array(
    encode(p_prev, 'hex'), p_id, to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), p_actor_id,
    p_entity_type, p_entity_id, p_action, p_before, p_after, p_reason)::text, 'UTF8'))
$$;

-- record_events chains every row it writes (under the head's lock, with ids drawn in chain order); a
-- row written any other way has no hash and is refused.
CREATE OR REPLACE FUNCTION events_chain_append() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.hash IS NULL THEN
    RAISE EXCEPTION 'events: row % is not chained (write history through record_events)', NEW.id;
  END IF;
  RETURN NEW;
END $$;
CREATE OR REPLACE TRIGGER events_chain_append BEFORE INSERT ON events
  FOR EACH ROW EXECUTE FUNCTION events_chain_append();

-- Walks up to p_limit rows of the chain after p_after_id (whose stored hash is p_prev_hash; NULL, NULL
-- from the start) and answers how many it checked, the last one (its id and hash, to go on from), and
-- the first row whose stored hash is not the hash of its content over the stored hash before it: the
-- row that was edited, or the first one after rows that were removed. Each row is judged against its
-- stored predecessor, so one edited row is named alone, not every row after it.
CREATE OR REPLACE FUNCTION verify_events_chain(p_after_id bigint, p_prev_hash bytea, p_limit integer)
  RETURNS TABLE (checked bigint, last_id bigint, last_hash bytea, broken_id bigint, broken_at timestamptz)
  LANGUAGE sql STABLE AS $$
  WITH batch AS (
    SELECT e.id, e.at, e.hash,
           event_hash(CASE WHEN row_number() OVER w = 1 THEN p_prev_hash ELSE lag(e.hash) OVER w END,
                      e.id, e.at, e.actor_id, e.entity_type, e.entity_id, e.action, e.before, e.after,
                      e.reason) AS expected
    FROM (SELECT * FROM events WHERE p_after_id IS NULL OR id > p_after_id ORDER BY id LIMIT p_limit) e
    WINDOW w AS (ORDER BY e.id)),
  broken AS (
    SELECT b.id, b.at FROM batch b WHERE b.hash IS DISTINCT FROM b.expected ORDER BY b.id LIMIT 1)
  SELECT (SELECT count(*) FROM batch),
         (SELECT b.id FROM batch b ORDER BY b.id DESC LIMIT 1),
         (SELECT b.hash FROM batch b ORDER BY b.id DESC LIMIT 1),
         (SELECT id FROM broken), (SELECT at FROM broken)
$$;

-- Rows written before the chain existed are chained once, in id order (the append-only trigger is set
-- aside for this alone, inside the migrations' transaction). Afterwards this finds nothing to do.
DO $$
DECLARE
  e events;
  prev bytea := (SELECT hash FROM events_chain_head);
  last bigint := (SELECT last_id FROM events_chain_head);
BEGIN
  IF NOT EXISTS (SELECT 1 FROM events WHERE hash IS NULL) THEN
    RETURN;
  END IF;
  IF last IS NOT NULL THEN
    RAISE EXCEPTION 'events: unchained rows after a chained one (%): the chain was tampered with', last;
  END IF;
  ALTER TABLE events DISABLE TRIGGER events_no_update;
  FOR e IN SELECT * FROM events ORDER BY id LOOP
    prev := event_hash(prev, e.id, e.at, e.actor_id, e.entity_type, e.entity_id, e.action, e.before, e.after,
                       e.reason);
    UPDATE events SET hash = prev WHERE id = e.id;
    last := e.id;
  END LOOP;
  ALTER TABLE events ENABLE TRIGGER events_no_update;
  UPDATE events_chain_head SET last_id = last, hash = prev;
END $$;
