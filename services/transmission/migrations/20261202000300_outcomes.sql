-- Up Migration

-- One row per outcome (EC) a client asked to send about an invoice it received (invoice.outcome_requested). The
-- EC file is written before the first call, so every attempt sends the same bytes under the same name.
CREATE TABLE outcomes (
  request_event_id    uuid        PRIMARY KEY,
  invoice_id          text        NOT NULL,
  tenant_id           text        NOT NULL,
  correlation_id      text        NOT NULL,
  identificativo_sdi  text        NOT NULL,
  esito               text        NOT NULL CHECK (esito IN ('EC01', 'EC02')),
  ec_file_name        text        NOT NULL UNIQUE,
  ec_document         jsonb       NOT NULL,
  -- The end of the last day SdI takes the outcome: ES02 and network failures are retried until then.
  deadline            timestamptz NOT NULL,
  status              text        NOT NULL CHECK (status IN ('queued', 'calling', 'waiting', 'sent', 'failed')),
  attempts            integer     NOT NULL DEFAULT 0,
  next_attempt_at     timestamptz NOT NULL,
  call_started_at     timestamptz,
  result              text        CHECK (result IN ('ES01', 'ES00')),
  last_error          text,
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outcomes_due_idx ON outcomes (next_attempt_at) WHERE status IN ('queued', 'waiting');
CREATE INDEX outcomes_calling_idx ON outcomes (call_started_at) WHERE status = 'calling';

-- Down Migration
DROP TABLE outcomes;
