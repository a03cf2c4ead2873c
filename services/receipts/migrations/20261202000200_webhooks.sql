-- Up Migration

-- A tenant's webhook subscriptions. Secrets are sealed under the document keyring (src/webhooks/secret-box.ts);
-- during a rotation the previous secret signs too, until previous_secret_expires_at.
CREATE TABLE webhook_subscriptions (
  id                          uuid        PRIMARY KEY,
  tenant_id                   text        NOT NULL,
  url                         text        NOT NULL,
  description                 text,
  -- Empty: every type.
  event_types                 text[]      NOT NULL DEFAULT '{}',
  enabled                     boolean     NOT NULL DEFAULT true,
  disabled_at                 timestamptz,
  disabled_reason             text,
  secret_key_id               text        NOT NULL,
  secret_sealed               bytea       NOT NULL,
  previous_secret_key_id      text,
  previous_secret_sealed      bytea,
  previous_secret_expires_at  timestamptz,
  -- The disabling rule's record (src/webhooks/domain/disabling.ts): attempts failed in a row, since when.
  consecutive_failures        integer     NOT NULL DEFAULT 0,
  failing_since               timestamptz,
  created_at                  timestamptz NOT NULL,
  updated_at                  timestamptz NOT NULL
);
CREATE INDEX webhook_subscriptions_tenant_idx ON webhook_subscriptions (tenant_id, created_at, id);

-- What is sent: one row per event and tenant, its webhook-id and the exact bytes signed, whatever the subscription
-- or the attempt. Written by the consumer in the transaction of its inbox row.
CREATE TABLE webhook_messages (
  id                          text        PRIMARY KEY,
  tenant_id                   text        NOT NULL,
  event_id                    uuid        NOT NULL,
  event_type                  text        NOT NULL,
  invoice_id                  text,
  body                        text        NOT NULL,
  created_at                  timestamptz NOT NULL
);

-- The delivery outbox: one row per message and subscription (and per replay). Workers claim due rows with
-- FOR UPDATE SKIP LOCKED and a lease (leased_until), so a crashed worker's row comes back when the lease ends.
CREATE TABLE webhook_deliveries (
  id                          uuid        PRIMARY KEY,
  subscription_id             uuid        NOT NULL REFERENCES webhook_subscriptions ON DELETE CASCADE,
  message_id                  text        NOT NULL REFERENCES webhook_messages,
  status                      text        NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts                    integer     NOT NULL DEFAULT 0,
  next_attempt_at             timestamptz,
  leased_until                timestamptz,
  last_attempt_at             timestamptz,
  last_response_status        integer,
  last_error                  text,
  created_at                  timestamptz NOT NULL,
  delivered_at                timestamptz
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_subscription_idx ON webhook_deliveries (subscription_id, created_at, id);
CREATE INDEX webhook_deliveries_message_idx ON webhook_deliveries (message_id);

-- Every attempt: written when it starts (duration_ms null while in flight), completed with its outcome.
CREATE TABLE webhook_attempts (
  delivery_id                 uuid        NOT NULL REFERENCES webhook_deliveries ON DELETE CASCADE,
  attempt                     integer     NOT NULL,
  at                          timestamptz NOT NULL,
  duration_ms                 integer,
  response_status             integer,
  error                       text,
  PRIMARY KEY (delivery_id, attempt)
);

-- Down Migration
DROP TABLE webhook_attempts;
DROP TABLE webhook_deliveries;
DROP TABLE webhook_messages;
DROP TABLE webhook_subscriptions;
