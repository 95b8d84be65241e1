-- Identifiers that became hubs during an import and whose clusters are still to be split.
-- A cluster a new hub held together is recomputed once, when the import ends, instead of
-- after every batch (a large cluster costs a read of all its links each time). Kept in a
-- table, in the batch's transaction, so that an import killed before its end leaves the
-- work to the next import, which does it first.
CREATE TABLE intake_hub_split (
  identifier_id  bigint PRIMARY KEY,
  noted_at       timestamptz NOT NULL DEFAULT now()
);
