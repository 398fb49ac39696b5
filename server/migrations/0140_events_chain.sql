-- The audit trail made tamper-evident: each history row carries a hash over its content and the hash
-- of the row before it (in id order), so editing or removing a row breaks the chain from there on, and
-- the head hash, once published, pins the whole past. How a row's hash is computed, how it is written
-- (record_events) and how the rows already here are chained: server/db/functions/events_chain.sql.
ALTER TABLE events ADD COLUMN hash bytea;

-- The chain's head: the last chained row and its hash. One row, taken FOR UPDATE by every writer of
-- history before it draws event ids, so concurrent writers append one after the other, never fork.
CREATE TABLE events_chain_head (
  one     boolean PRIMARY KEY DEFAULT true CHECK (one),
  last_id bigint,
  hash    bytea
);
INSERT INTO events_chain_head (one) VALUES (true);
