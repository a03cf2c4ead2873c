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
}
