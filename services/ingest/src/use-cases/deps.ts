import type pg from 'pg'
import type { DocumentStore } from '@varco/documents'
import type { TrustStore } from '@varco/signature'

/** What the use cases need: built once in server.ts (or a test) and passed down, no container. */
export interface IngestDeps {
  readonly pool: pg.Pool
  readonly documents: DocumentStore
  /** The CAs vendors' signatures must chain to, for ?validate=sync; undefined: 00104 is left to SdI. */
  readonly trust: TrustStore | undefined
  readonly now: () => Date
  /** Wakes the outbox relay after a commit (EventService.wakeRelay); a no-op where no relay runs. */
  readonly wakeRelay: () => void
  /** How long an Idempotency-Key is remembered (default a day); an older one names a new request. */
  readonly idempotencyRetentionMs?: number
}

/** A day, as the Idempotency-Key draft and the common practice of payment APIs remember keys. */
export const DEFAULT_IDEMPOTENCY_RETENTION_MS = 86_400_000
