import type { FatturaElettronica, SdiError } from '@varco/fatturapa'

/** A file as SdI receives it through RiceviFile: its name (NomeFile) and its bytes. */
export interface SubmittedFile {
  readonly name: string
  readonly bytes: Buffer
}

/** Who an invoice is for, as SdI's registries know it (IPA for PA offices, accredited channels for B2B). */
export interface Recipient {
  readonly code: string
  readonly name: string
  /** Its RicezioneFatture endpoint, when it has one: the invoice is delivered there (the passive cycle). */
  readonly endpoint?: string
}

/** What SdI's checks need to look up: files and invoices it has seen, and who a routing code belongs to. */
export interface IntakeRegistry {
  /** 00002: a file of this name was received before, whatever became of it. */
  readonly fileNameSeen: (name: string) => Promise<boolean>
  /** 00404: an invoice with this key was accepted before and neither rejected nor refused. */
  readonly invoiceAccepted: (key: string) => Promise<boolean>
  /** 00311: the office or channel of a routing code; undefined when no registry holds it. */
  readonly recipient: (code: string) => Promise<Recipient | undefined>
}

/** A file SdI took: what delivery and the messages about it need. */
export interface AcceptedFile {
  readonly fattura: FatturaElettronica
  readonly formato: 'FPA12' | 'FPR12'
  readonly recipient: Recipient
  /** One key per invoice of the file (a lotto has several), for the duplicate-invoice check of later files. */
  readonly invoiceKeys: readonly string[]
  /** SHA-256 (hex) of the file as received: the Hash of B2B messages and HashFileOriginale of an AT. */
  readonly hash: string
  readonly signedBy?: 'cades' | 'xades'
}

export type IntakeVerdict =
  ({ readonly accepted: true } & AcceptedFile) | { readonly accepted: false; readonly errors: readonly SdiError[] }
