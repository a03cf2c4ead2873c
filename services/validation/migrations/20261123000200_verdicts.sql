-- Up Migration

-- One verdict per received file event: the audit trail of what was checked and found, and what the API shows.
CREATE TABLE verdicts (
  event_id     uuid        PRIMARY KEY,
  tenant_id    text        NOT NULL,
  invoice_id   text        NOT NULL,
  document     char(64)    NOT NULL,
  outcome      text        NOT NULL CHECK (outcome IN ('validated', 'rejected')),
  errors       jsonb       NOT NULL DEFAULT '[]',
  validated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX verdicts_invoice_idx ON verdicts (tenant_id, invoice_id);

-- Down Migration
DROP TABLE verdicts;
