-- Up Migration

-- What a timeline entry tells beyond its type: for SdI's notifications the kind, message file name,
-- IdentificativoSdI and the lifecycle's decision (with the reason of a forbidden message); NULL for the stages
-- before SdI, whose facts are in the invoice row.
ALTER TABLE invoice_events ADD COLUMN detail jsonb;

-- The SdI lifecycle's projection (src/domain/status.ts): a notification's status outranks every earlier stage,
-- and among notifications the highest lifecycle sequence wins; status_rank carries both.
ALTER TABLE invoices
  -- SdI's NS: its errors as SdI wrote them ({ code, description, suggestion? }), when, and the last day to resubmit.
  ADD COLUMN sdi_rejection   jsonb,
  -- RC: { deliveredAt, recipientCode?, recipientName? }; NE: { esito, description? }; MC of FPR12: since when.
  ADD COLUMN delivery        jsonb,
  ADD COLUMN sdi_outcome     jsonb,
  ADD COLUMN reserved_area_since timestamptz,
  -- A corrected file sent for an invoice SdI rejected, linked both ways; one resubmission per rejected invoice.
  ADD COLUMN resubmission_of uuid REFERENCES invoices (id),
  ADD COLUMN resubmitted_as  uuid REFERENCES invoices (id);
CREATE UNIQUE INDEX invoices_resubmission_of_idx ON invoices (resubmission_of) WHERE resubmission_of IS NOT NULL;

-- The passive cycle: invoices SdI delivered to a tenant (invoice.incoming), and the tenant's outcome on them.
CREATE TABLE incoming_invoices (
  -- The receipts service's id of the delivered file (the events' invoiceId).
  id                  text        PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,100}$'),
  tenant_id           text        NOT NULL REFERENCES tenants (id),
  identificativo_sdi  text        NOT NULL,
  file_name           text        NOT NULL,
  formato             text        NOT NULL CHECK (formato IN ('FPA12', 'FPR12')),
  -- Document store addresses: the file as delivered, its invoice XML, SdI's metadata file.
  file_sha256         char(64)    NOT NULL,
  file_type           text        NOT NULL,
  content_sha256      char(64)    NOT NULL,
  content_type        text        NOT NULL,
  metadata_sha256     char(64)    NOT NULL,
  metadata_type       text        NOT NULL,
  metadata_file_name  text        NOT NULL,
  signature           jsonb       NOT NULL,
  codice_destinatario text        NOT NULL,
  seller              jsonb       NOT NULL,
  -- The seller's VAT number as country + code (IT01234567890), for the listing filter.
  seller_vat          text,
  buyer               jsonb       NOT NULL,
  documents           jsonb       NOT NULL,
  invoice_date        date,
  received_at         timestamptz NOT NULL,
  held_since          timestamptz,
  outcome_by          date,
  -- See src/domain/incoming-outcome.ts; not_applicable for FPR12 (no outcome in B2B).
  outcome_state       text        NOT NULL,
  -- The last outcome asked for and what SdI made of it: { esito, description?, invoiceRef?, requestedAt, ... }.
  outcome             jsonb,
  correlation_id      text        NOT NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX incoming_list_idx ON incoming_invoices (tenant_id, received_at DESC, id DESC);
CREATE INDEX incoming_seller_idx ON incoming_invoices (tenant_id, seller_vat, received_at DESC);
CREATE INDEX incoming_state_idx ON incoming_invoices (tenant_id, outcome_state, received_at DESC);

-- The outcome history of an incoming invoice: our requests and what came back (outcome_sent, terms expired).
CREATE TABLE incoming_events (
  event_id    uuid        PRIMARY KEY,
  incoming_id text        NOT NULL REFERENCES incoming_invoices (id) ON DELETE CASCADE,
  type        text        NOT NULL,
  occurred_at timestamptz NOT NULL,
  detail      jsonb       NOT NULL DEFAULT '{}',
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX incoming_events_idx ON incoming_events (incoming_id, occurred_at);

-- Down Migration
DROP TABLE incoming_events;
DROP TABLE incoming_invoices;
DROP INDEX invoices_resubmission_of_idx;
ALTER TABLE invoices DROP COLUMN resubmitted_as, DROP COLUMN resubmission_of, DROP COLUMN reserved_area_since,
  DROP COLUMN sdi_outcome, DROP COLUMN delivery, DROP COLUMN sdi_rejection;
ALTER TABLE invoice_events DROP COLUMN detail;
