-- Up Migration

-- Counters by key (e.g. one per transmitter for SdI file-name progressives). Incremented with a row lock inside the
-- caller's transaction: concurrent processes never get the same value, and a value is never handed out twice once
-- its transaction committed.
CREATE TABLE keyed_sequences (
  sequence_key text   PRIMARY KEY,
  last_value   bigint NOT NULL CHECK (last_value > 0)
);

-- Down Migration
DROP TABLE keyed_sequences;
