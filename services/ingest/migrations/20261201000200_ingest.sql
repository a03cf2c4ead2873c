-- Up Migration

-- The intermediary's customers. Every invoice, key and transmitter belongs to exactly one tenant; its id is the
-- tenantId of every event about its invoices (and the key of its signing policy in the signing service).
CREATE TABLE tenants (
  id         text        PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,99}$'),
  name       text        NOT NULL UNIQUE CHECK (char_length(name) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Who may appear as DatiTrasmissione/IdTrasmittente in a tenant's files, as in SdI file names (IT01234567890).
-- Several tenants may hold the same transmitter: an intermediary that transmits in its own name for all of them.
CREATE TABLE transmitters (
  tenant_id   text        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  transmitter text        NOT NULL CHECK (transmitter ~ '^[A-Z]{2}[A-Za-z0-9]{2,28}$'),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, transmitter)
);

-- API keys: only the SHA-256 of each key is kept (the key itself is shown once, at creation). A key has 256 random
-- bits, so its hash cannot be reversed by guessing; a slow password hash would only cost CPU on every request.
CREATE TABLE api_keys (
  id         uuid        PRIMARY KEY,
  tenant_id  text        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  key_hash   bytea       NOT NULL UNIQUE CHECK (octet_length(key_hash) = 32),
  -- The key's last four characters, so that a person can tell their keys apart; 232 random bits stay unknown.
  hint       text        NOT NULL,
  label      text        CHECK (char_length(label) <= 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
CREATE INDEX api_keys_tenant_idx ON api_keys (tenant_id);

-- The invoice view: written when a file is accepted, then kept up to date from the events the other services emit.
CREATE TABLE invoices (
  id              uuid        PRIMARY KEY,
  tenant_id       text        NOT NULL REFERENCES tenants (id),
  status          text        NOT NULL,
  -- Order of the statuses (see src/domain/status.ts): an event never moves an invoice back, whatever the order of
  -- delivery across topics.
  status_rank     integer     NOT NULL,
  transmitter     text        NOT NULL,
  recipient_code  text,
  invoice_numbers text[]      NOT NULL DEFAULT '{}',
  -- One entry per FatturaElettronicaBody: { type, number, date }; invoice_date is the earliest date.
  documents       jsonb       NOT NULL DEFAULT '[]',
  invoice_date    date,
  -- The last day to transmit: the earliest of the documents' deadlines; NULL when no date could be read.
  deadline        date,
  -- The file as received (document store address and media type), and the file to transmit once signed.
  original_sha256 char(64)    NOT NULL,
  original_type   text        NOT NULL,
  signed_sha256   char(64),
  signed_type     text,
  sdi_file_name   text,
  sdi_id          text,
  -- SdI-coded errors when rejected; { cause, message } when signing or transmission failed.
  errors          jsonb       NOT NULL DEFAULT '[]',
  failure         jsonb,
  correlation_id  text        NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
-- Listing: newest first, (created_at, id) is the cursor.
CREATE INDEX invoices_list_idx ON invoices (tenant_id, created_at DESC, id DESC);
CREATE INDEX invoices_status_idx ON invoices (tenant_id, status, created_at DESC, id DESC);
CREATE INDEX invoices_transmitter_idx ON invoices (tenant_id, transmitter, created_at DESC, id DESC);
CREATE INDEX invoices_recipient_idx ON invoices (tenant_id, recipient_code, created_at DESC, id DESC);
CREATE INDEX invoices_file_name_idx ON invoices (tenant_id, sdi_file_name) WHERE sdi_file_name IS NOT NULL;
CREATE INDEX invoices_numbers_idx ON invoices USING gin (invoice_numbers);
CREATE INDEX invoices_date_idx ON invoices (tenant_id, invoice_date);

-- The timeline: every event about an invoice, once (keyed by event id), with when it happened.
CREATE TABLE invoice_events (
  event_id    uuid        PRIMARY KEY,
  invoice_id  uuid        NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
  type        text        NOT NULL,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX invoice_events_invoice_idx ON invoice_events (invoice_id, occurred_at);

-- Idempotency-Key: one row per tenant and key, inserted with ON CONFLICT DO NOTHING in the transaction that creates
-- the invoice, so concurrent requests with one key wait for the first and then replay its response.
CREATE TABLE idempotency_keys (
  tenant_id   text        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  key         text        NOT NULL,
  -- SHA-256 of what the request asked for (media type, options, body): another body with the same key is a 409.
  fingerprint bytea       NOT NULL,
  invoice_id  uuid        NOT NULL,
  response    jsonb       NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

-- Down Migration
DROP TABLE idempotency_keys;
DROP TABLE invoice_events;
DROP TABLE invoices;
DROP TABLE api_keys;
DROP TABLE transmitters;
DROP TABLE tenants;
