-- Up Migration

-- Every file SdIRiceviFile received, accepted or not: what the control API reports and the 00002 check reads.
CREATE TABLE received_files (
  identificativo_sdi  bigint      PRIMARY KEY,
  file_name           text        NOT NULL,
  received_at         timestamptz NOT NULL,
  size                integer     NOT NULL,
  sha256              char(64)    NOT NULL,
  accepted            boolean     NOT NULL,
  formato             text        CHECK (formato IN ('FPA12', 'FPR12')),
  recipient_code      text,
  recipient_name      text,
  -- The SdI error codes of a rejected file, with paths and messages.
  errors              jsonb       NOT NULL DEFAULT '[]',
  file                bytea       NOT NULL
);
CREATE INDEX received_files_name_idx ON received_files (file_name);

-- 00404: the invoices of accepted files; a refusal (EC02) frees the number again.
CREATE TABLE invoice_keys (
  invoice_key         text        PRIMARY KEY,
  identificativo_sdi  bigint      NOT NULL REFERENCES received_files,
  active              boolean     NOT NULL DEFAULT true
);

-- Messages due to the transmitter: planned at acceptance, built and signed when first sent, kept byte for byte for
-- the retries SdI makes when the transmitter's endpoint is down.
CREATE TABLE outgoing_messages (
  id                  bigserial   PRIMARY KEY,
  identificativo_sdi  bigint      NOT NULL REFERENCES received_files,
  kind                text        NOT NULL CHECK (kind IN ('RC', 'NS', 'MC', 'NE', 'DT', 'AT')),
  esito               text        CHECK (esito IN ('EC01', 'EC02')),
  due_at              timestamptz NOT NULL,
  message_id          text,
  message_file_name   text,
  body                bytea,
  attempts            integer     NOT NULL DEFAULT 0,
  sent_at             timestamptz,
  last_error          text
);
CREATE INDEX outgoing_messages_due_idx ON outgoing_messages (due_at) WHERE sent_at IS NULL;

-- Who the routing codes belong to: the simulator's IPA and channel registry.
CREATE TABLE recipients (
  code                text        PRIMARY KEY CHECK (code ~ '^[A-Z0-9]{6,7}$'),
  name                text        NOT NULL
);

-- Scripted outcomes, per file name or per recipient code; the most specific wins, else the default.
CREATE TABLE outcome_scripts (
  scope               text        NOT NULL CHECK (scope IN ('file', 'recipient')),
  match               text        NOT NULL,
  delivery            text        NOT NULL CHECK (delivery IN ('deliver', 'undeliverable', 'deliver-late')),
  esito               text        NOT NULL CHECK (esito IN ('EC01', 'EC02', 'none')),
  PRIMARY KEY (scope, match)
);

-- Down Migration
DROP TABLE outcome_scripts;
DROP TABLE recipients;
DROP TABLE outgoing_messages;
DROP TABLE invoice_keys;
DROP TABLE received_files;
