-- Up Migration

-- Transactional outbox: events written in the same transaction as the state change they describe;
-- the relay publishes them to Kafka and deletes them. Payloads are small (claim checks), so rows are too.
-- The relay maps type and version to a topic name, so the topic namespace is a deployment setting.
CREATE TABLE outbox (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id      uuid        NOT NULL UNIQUE,
  event_type    text        NOT NULL,
  event_version integer     NOT NULL,
  message_key text        NOT NULL,
  headers     jsonb       NOT NULL,
  payload     text        NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Inbox: the events a consumer has already applied, so a redelivered event has no second effect.
CREATE TABLE inbox (
  consumer     text        NOT NULL,
  event_id     uuid        NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);

-- Down Migration
DROP TABLE inbox;
DROP TABLE outbox;
