-- History, as applied: the trigger function and triggers are in server/db/functions/public_data_changes.sql.
-- The version of what the public sees (issue 12): the public pages, open data and their ETags are cached
-- under it, in any app process, and a write to what they show changes it in the same transaction.
-- One row per writing transaction (its id), inserted by statement-level triggers: writers never wait for
-- each other (no shared counter row to lock), and a reader's version is the sum of `weight`, which only
-- grows as transactions commit. compactPublicChanges() folds the rows into one without changing the sum.
CREATE TABLE public_data_changes (
  xact   bigint PRIMARY KEY,
  weight bigint NOT NULL DEFAULT 1
);
