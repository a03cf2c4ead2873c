-- Up Migration

-- A recipient with an endpoint gets its invoices through RicezioneFatture (the passive cycle); without one, the
-- scripted outcomes stand in for it.
ALTER TABLE recipients ADD COLUMN endpoint text CHECK (endpoint ~ '^https://');

-- Deliveries to recipients' RicezioneFatture: tried as SdI tries (FACTS.md §7), then given up with an MC.
CREATE TABLE deliveries (
  identificativo_sdi  bigint      PRIMARY KEY REFERENCES received_files,
  endpoint            text        NOT NULL,
  due_at              timestamptz NOT NULL,
  attempts            integer     NOT NULL DEFAULT 0,
  delivered_at        timestamptz,
  given_up_at         timestamptz,
  last_error          text
);
CREATE INDEX deliveries_due_idx ON deliveries (due_at) WHERE delivered_at IS NULL AND given_up_at IS NULL;

-- The recipient's outcome (EC) as received, relayed in the NE; and planned messages can be cancelled (a DT once
-- the outcome arrived in time).
ALTER TABLE outgoing_messages ADD COLUMN esito_committente jsonb;
ALTER TABLE outgoing_messages ADD COLUMN cancelled_at timestamptz;

-- Down Migration
ALTER TABLE outgoing_messages DROP COLUMN cancelled_at;
ALTER TABLE outgoing_messages DROP COLUMN esito_committente;
DROP TABLE deliveries;
ALTER TABLE recipients DROP COLUMN endpoint;
