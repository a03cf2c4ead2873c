-- Up Migration

-- A tenant's signing policy; a tenant without a row gets the defaults (FPA12 CAdES, FPR12 unsigned).
CREATE TABLE policies (
  tenant_id    text        PRIMARY KEY,
  -- FPA12 must be signed (qualified signature): only the format is a choice.
  fpa12_format text        NOT NULL DEFAULT 'cades' CHECK (fpa12_format IN ('cades', 'xades')),
  fpr12_mode   text        NOT NULL DEFAULT 'none' CHECK (fpr12_mode IN ('none', 'cades', 'xades')),
  updated_at   timestamptz NOT NULL DEFAULT now()
);

-- Where a tenant's signing keys are, never the keys' secrets: passwords, passphrases and PINs are files in the
-- secrets directory (SIGNING_SECRETS_DIR), named by secret_name. One identity per tenant and transmitter; the row with
-- transmitter NULL is the tenant's default, and a transmitter's own row wins over it.
CREATE TABLE identities (
  id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id        text        NOT NULL,
  -- Country code and tax id of the transmitter, as in the file names (IT01234567890); NULL: every transmitter.
  transmitter      text        CHECK (transmitter ~ '^[A-Z]{2}[A-Za-z0-9]{2,28}$'),
  kind             text        NOT NULL CHECK (kind IN ('pkcs12', 'pem', 'pkcs11')),
  -- pkcs12: the .p12/.pfx file; pem: the private key file.
  key_file         text,
  -- pem: signer certificate then intermediates; pkcs11: optional (else the token's certificate with the key's id).
  certificate_file text,
  -- pkcs11: the module (NULL: SIGNING_PKCS11_MODULE), the token's label and the private key's CKA_LABEL.
  pkcs11_module    text,
  token_label      text,
  key_label        text,
  -- The file in the secrets directory holding the password (pkcs12), passphrase (pem, optional) or PIN (pkcs11).
  secret_name      text        CHECK (secret_name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$'),
  -- Bumped on every change, so that every replica reloads the identity (its cache is keyed by id and version).
  version          integer     NOT NULL DEFAULT 1,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE NULLS NOT DISTINCT (tenant_id, transmitter),
  CHECK (kind <> 'pkcs12' OR (key_file IS NOT NULL AND secret_name IS NOT NULL)),
  CHECK (kind <> 'pem' OR (key_file IS NOT NULL AND certificate_file IS NOT NULL)),
  CHECK (kind <> 'pkcs11' OR (token_label IS NOT NULL AND key_label IS NOT NULL AND secret_name IS NOT NULL))
);

-- One row per invoice.validated event: the file name given (never reused: SdI 00002), what was signed with what,
-- or why it could not be. The audit trail of signing, and what the API shows.
CREATE TABLE signings (
  event_id       uuid        PRIMARY KEY,
  tenant_id      text        NOT NULL,
  invoice_id     text        NOT NULL,
  transmitter    text        NOT NULL,
  document       char(64)    NOT NULL,
  outcome        text        NOT NULL CHECK (outcome IN ('signed', 'failed')),
  file_name      text        UNIQUE,
  format         text        CHECK (format IN ('cades', 'xades', 'none')),
  signed_by      text        CHECK (signed_by IN ('gateway', 'vendor')),
  signed         char(64),
  identity_id    bigint      REFERENCES identities (id) ON DELETE SET NULL,
  signer_serial  text,
  signer_subject text,
  cause          text,
  recorded_at    timestamptz NOT NULL DEFAULT now(),
  CHECK ((outcome = 'signed') = (file_name IS NOT NULL AND signed IS NOT NULL AND format IS NOT NULL)),
  CHECK ((outcome = 'failed') = (cause IS NOT NULL))
);
CREATE INDEX signings_invoice_idx ON signings (tenant_id, invoice_id);

-- Down Migration
DROP TABLE signings;
DROP TABLE identities;
DROP TABLE policies;
