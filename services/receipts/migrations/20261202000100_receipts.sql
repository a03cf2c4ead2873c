-- Up Migration

-- Every call SdI made to us, whatever became of it: the audit trail. Rows are never changed nor deleted (a trigger
-- refuses it); the bytes of each message are in the document store under `sha256`.
CREATE TABLE sdi_calls (
  id                  bigserial   PRIMARY KEY,
  received_at         timestamptz NOT NULL,
  service             text        NOT NULL,
  operation           text        NOT NULL,
  nome_file           text        NOT NULL,
  identificativo_sdi  text        NOT NULL,
  sha256              text        NOT NULL,
  size                integer     NOT NULL,
  -- RiceviFatture: the metadata file (MT) delivered with the invoice.
  metadata_nome_file  text,
  metadata_sha256     text,
  mtom                boolean     NOT NULL,
  peer_fingerprint    text,
  -- accepted: taken and acted on; duplicate: SdI sent the same call again (no second effect); refused: answered
  -- with a SOAP Client fault, `reason` says why.
  verdict             text        NOT NULL CHECK (verdict IN ('accepted', 'duplicate', 'refused')),
  reason              text
);
-- One effect per call: the same operation, file name and bytes are accepted once.
CREATE UNIQUE INDEX sdi_calls_effect_idx ON sdi_calls (operation, nome_file, sha256) WHERE verdict = 'accepted';
CREATE INDEX sdi_calls_identificativo_idx ON sdi_calls (identificativo_sdi);

CREATE FUNCTION sdi_calls_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'sdi_calls is append-only';
END $$;
CREATE TRIGGER sdi_calls_append_only BEFORE UPDATE OR DELETE ON sdi_calls
  FOR EACH STATEMENT EXECUTE FUNCTION sdi_calls_append_only();

-- The files this gateway transmitted, filled from invoice.validated (formato), invoice.signed (file name) and
-- invoice.transmitted (IdentificativoSdI), in whatever order they arrive; and their lifecycle.
CREATE TABLE outbound_files (
  invoice_id          text        PRIMARY KEY,
  tenant_id           text        NOT NULL,
  correlation_id      text        NOT NULL,
  formato             text        CHECK (formato IN ('FPA12', 'FPR12')),
  file_name           text        UNIQUE,
  identificativo_sdi  text        UNIQUE,
  state               text        NOT NULL DEFAULT 'submitted',
  -- How many messages were decided about the file: the last one's lifecycle.sequence.
  sequence            integer     NOT NULL DEFAULT 0,
  updated_at          timestamptz NOT NULL DEFAULT now()
);

-- Every message of TrasmissioneFatture that was accepted, with what the lifecycle made of it. A message whose file
-- is not known yet waits here (decided_at null), and is decided in the order received once the file is known.
CREATE TABLE notifications (
  id                  bigserial   PRIMARY KEY,
  call_id             bigint      NOT NULL UNIQUE REFERENCES sdi_calls,
  kind                text        NOT NULL,
  identificativo_sdi  text        NOT NULL,
  invoice_file_name   text        NOT NULL,
  received_at         timestamptz NOT NULL,
  -- The lifecycle's input, and the event's data without its lifecycle part.
  lifecycle_message   jsonb       NOT NULL,
  data                jsonb       NOT NULL,
  invoice_id          text        REFERENCES outbound_files,
  decision            text        CHECK (decision IN ('transition', 'unchanged', 'stale', 'forbidden')),
  from_state          text,
  to_state            text,
  reason              text,
  sequence            integer,
  decided_at          timestamptz,
  UNIQUE (invoice_id, sequence)
);
CREATE INDEX notifications_held_id_idx ON notifications (identificativo_sdi) WHERE decided_at IS NULL;
CREATE INDEX notifications_held_name_idx ON notifications (invoice_file_name) WHERE decided_at IS NULL;

-- Who receives the invoices SdI delivers to our channel: a routing code, and for a code shared by many clients (an
-- intermediary's 7-character code) the buyer's VAT number or codice fiscale.
CREATE TABLE routes (
  id                  bigserial   PRIMARY KEY,
  codice_destinatario text        NOT NULL,
  vat_number          text,
  codice_fiscale      text,
  tenant_id           text        NOT NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  CHECK (vat_number IS NULL OR codice_fiscale IS NULL)
);
CREATE UNIQUE INDEX routes_key_idx ON routes (codice_destinatario, coalesce(vat_number, ''), coalesce(codice_fiscale, ''));

-- The invoices SdI delivered (RiceviFatture). `data` is invoice.incoming's data, ready to emit; `status` says whether
-- it was: routed (emitted), held (no route yet), or unverified/unreadable (kept, never emitted; see README.md).
CREATE TABLE incoming_files (
  invoice_id          text        PRIMARY KEY,
  identificativo_sdi  text        NOT NULL UNIQUE,
  file_name           text        NOT NULL,
  call_id             bigint      NOT NULL REFERENCES sdi_calls,
  received_at         timestamptz NOT NULL,
  status              text        NOT NULL CHECK (status IN ('routed', 'held', 'unverified', 'unreadable')),
  problem             text,
  codice_destinatario text,
  metadata_codice     text,
  buyer_vat_number    text,
  buyer_codice_fiscale text,
  data                jsonb,
  tenant_id           text,
  routed_at           timestamptz
);
CREATE INDEX incoming_files_held_idx ON incoming_files (codice_destinatario) WHERE status = 'held';

-- RicezioneFatture's DT messages: emitted for their incoming file once it is routed, held until then.
CREATE TABLE incoming_notices (
  id                  bigserial   PRIMARY KEY,
  call_id             bigint      NOT NULL UNIQUE REFERENCES sdi_calls,
  identificativo_sdi  text        NOT NULL,
  data                jsonb       NOT NULL,
  emitted_at          timestamptz
);
CREATE INDEX incoming_notices_held_idx ON incoming_notices (identificativo_sdi) WHERE emitted_at IS NULL;

-- Down Migration
DROP TABLE incoming_notices;
DROP TABLE incoming_files;
DROP TABLE routes;
DROP TABLE notifications;
DROP TABLE outbound_files;
DROP TABLE sdi_calls;
DROP FUNCTION sdi_calls_append_only();
