-- Up Migration

-- Content-addressed, encrypted document bytes (invoices, SdI messages). Events carry the address (sha256),
-- never the bytes. Envelope encryption: the content is encrypted under a per-document data key, the data key
-- under a master key from configuration, so a dump of this table holds no readable document and no usable key.
CREATE TABLE documents (
  sha256      bytea            PRIMARY KEY CHECK (octet_length(sha256) = 32),
  size        bigint           NOT NULL CHECK (size >= 0),
  media_type  text             NOT NULL CHECK (char_length(media_type) BETWEEN 1 AND 200),
  -- "C" collation: ids are ASCII, compared bytewise; the rotation scans ranges of this column's index.
  key_id      text COLLATE "C" NOT NULL CHECK (key_id ~ '^[A-Za-z0-9_-]{1,32}$'),
  wrapped_key bytea            NOT NULL CHECK (octet_length(wrapped_key) = 60),
  nonce       bytea            NOT NULL CHECK (octet_length(nonce) = 12),
  -- AES-GCM adds its 16-byte tag and nothing else: a length mismatch is a damaged row.
  ciphertext  bytea            NOT NULL CHECK (octet_length(ciphertext) = size + 16),
  created_at  timestamptz      NOT NULL DEFAULT now()
);

COMMENT ON COLUMN documents.sha256 IS 'SHA-256 of the plaintext: the address, and the AAD of the content';
COMMENT ON COLUMN documents.key_id IS 'Id of the master key that wraps the data key';
COMMENT ON COLUMN documents.wrapped_key IS
  'nonce(12) || AES-256-GCM(master key, data key(32), AAD = sha256 || key_id) || tag(16)';
COMMENT ON COLUMN documents.nonce IS 'GCM nonce of the content (12 random bytes)';
COMMENT ON COLUMN documents.ciphertext IS 'AES-256-GCM(data key, nonce, content, AAD = sha256) || tag(16)';

-- Ciphertext does not compress: store it out of line as is, without a compression attempt on every insert.
ALTER TABLE documents ALTER COLUMN ciphertext SET STORAGE EXTERNAL;

-- Rotation looks for the documents still under an old master key.
CREATE INDEX documents_key_id_idx ON documents (key_id);

-- Down Migration
DROP TABLE documents;
