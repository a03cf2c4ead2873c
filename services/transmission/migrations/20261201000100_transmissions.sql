-- Up Migration

-- One row per invoice to transmit. The file name and the attempt are written (status 'calling') and committed
-- before each RiceviFile call, so that after a crash nobody sends the file again without first waiting for SdI's
-- notification of that name.
CREATE TABLE transmissions (
  invoice_id          text        PRIMARY KEY,
  tenant_id           text        NOT NULL,
  correlation_id      text        NOT NULL,
  -- The invoice.signed event this row came from: the causation of the events emitted about it.
  signed_event_id     uuid        NOT NULL UNIQUE,
  file_name           text        NOT NULL UNIQUE,
  document            jsonb       NOT NULL,
  -- The end of the last day on which the file may be transmitted (FACTS.md §7).
  deadline            timestamptz NOT NULL,
  status              text        NOT NULL CHECK (status IN
                        ('queued', 'calling', 'waiting', 'reconciling', 'transmitted', 'failed')),
  attempts            integer     NOT NULL DEFAULT 0,
  next_attempt_at     timestamptz NOT NULL,
  call_started_at     timestamptz,
  identificativo_sdi  text,
  data_ora_ricezione  timestamptz,
  failure_cause       text,
  last_error          text,
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX transmissions_due_idx ON transmissions (next_attempt_at)
  WHERE status IN ('queued', 'waiting', 'reconciling');
CREATE INDEX transmissions_calling_idx ON transmissions (call_started_at) WHERE status = 'calling';

-- Every call and its outcome: the invoice's transmission timeline.
CREATE TABLE transmission_attempts (
  invoice_id          text        NOT NULL REFERENCES transmissions,
  attempt             integer     NOT NULL,
  started_at          timestamptz NOT NULL,
  finished_at         timestamptz,
  outcome             text,
  detail              text,
  PRIMARY KEY (invoice_id, attempt)
);

-- Down Migration
DROP TABLE transmission_attempts;
DROP TABLE transmissions;
