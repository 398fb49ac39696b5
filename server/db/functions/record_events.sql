-- The one writer of history (events: who, when, which entity, what action, before, after, why). Every
-- path that records history calls it: the services through recordEvents() in server/src/events/,
-- create_progress_report, the agency merge, and the demo generator's bulk loads, which pass whole
-- columns at once (`SELECT record_events(array_agg(…), …) FROM …`). So the shape of a history row is
-- decided here only, and anything that every row must get (the hash chain, events_chain.sql) is added here only.
--
-- The bulk form takes one array per column, row i being element i of each; rows are stored in the order
-- given, so a caller that passes them by time gets ids that follow time.
CREATE OR REPLACE FUNCTION record_events(
  p_at timestamptz[], p_actor_id bigint[], p_entity_type text[], p_entity_id bigint[], p_action text[],
  p_before jsonb[], p_after jsonb[], p_reason text[])
  RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  n integer := coalesce(cardinality(p_entity_id), 0);
  id_sequence regclass := pg_get_serial_sequence('events', 'id')::regclass;
  r record;
  next_id bigint;
  prev bytea;
  ids bigint[] := '{}';
  hashes bytea[] := '{}';
BEGIN
  -- unnest would pad a short array with NULLs: a caller's slip would become rows with no actor or no action.
  IF coalesce(cardinality(p_at), 0) <> n OR coalesce(cardinality(p_actor_id), 0) <> n
     OR coalesce(cardinality(p_entity_type), 0) <> n OR coalesce(cardinality(p_action), 0) <> n
     OR coalesce(cardinality(p_before), 0) <> n OR coalesce(cardinality(p_after), 0) <> n
     OR coalesce(cardinality(p_reason), 0) <> n THEN
    RAISE EXCEPTION 'record_events: every column needs one value per event (% events)', n;
  END IF;
  -- The hash chain (events_chain.sql): the head is held to the end of the transaction, so concurrent
  -- writers append in turn; ids are drawn under it, so they follow the chain; each row's hash is computed
  -- here, over the one before it, and the head moves once (moving it per row made bulk loads quadratic).
  SELECT h.hash INTO prev FROM events_chain_head h FOR UPDATE;
  FOR r IN
    SELECT * FROM unnest(p_at, p_actor_id, p_entity_type, p_entity_id, p_action, p_before, p_after, p_reason)
                  WITH ORDINALITY AS u(at, actor_id, entity_type, entity_id, action, before, after, reason, n)
    ORDER BY u.n
  LOOP
    next_id := nextval(id_sequence);
    prev := event_hash(prev, next_id, r.at, r.actor_id, r.entity_type, r.entity_id, r.action, r.before, r.after,
                       r.reason);
    ids := ids || next_id;
    hashes := hashes || prev;
  END LOOP;
  INSERT INTO events (id, at, actor_id, entity_type, entity_id, action, before, after, reason, hash)
  OVERRIDING SYSTEM VALUE
  SELECT c.event_id, c.at, c.actor_id, c.entity_type, c.entity_id, c.action, c.before, c.after, c.reason, c.chained
  FROM unnest(p_at, p_actor_id, p_entity_type, p_entity_id, p_action, p_before, p_after, p_reason, ids, hashes)
       WITH ORDINALITY AS c(at, actor_id, entity_type, entity_id, action, before, after, reason, event_id, chained, n)
  ORDER BY c.n;
  IF n > 0 THEN
    UPDATE events_chain_head SET last_id = next_id, hash = prev;
  END IF;
END $$;

-- One event: the same writer with one row.
CREATE OR REPLACE FUNCTION record_event(
  p_at timestamptz, p_actor_id bigint, p_entity_type text, p_entity_id bigint, p_action text,
  p_before jsonb, p_after jsonb, p_reason text)
  RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM record_events(ARRAY[p_at], ARRAY[p_actor_id], ARRAY[p_entity_type], ARRAY[p_entity_id], ARRAY[p_action],
                        ARRAY[p_before], ARRAY[p_after], ARRAY[p_reason]);
END $$;
