import type { SdiError } from '../sdi/sdi-error.ts'
import { FileNameProblemCode as Problem, fileNameError, fileNameFailure, fileNameText } from './file-name-problem.ts'

/*
 * Invoice (and archive) file names, FACTS §4 (Allegato A §1.2.2): `<IdPaese><IdCodice>_<progressivo>.<ext>`, e.g.
 * IT01234567890_FPA01.xml. IdPaese and IdCodice identify the transmitter; for IT, IdCodice is a codice fiscale.
 */

/** `xml`: unsigned or XAdES; `xml.p7m`: CAdES; `zip`: an archive of invoice files. Lower case, as SdI documents it. */
export const INVOICE_FILE_EXTENSIONS = ['xml', 'xml.p7m', 'zip'] as const
export type InvoiceFileExtension = (typeof INVOICE_FILE_EXTENSIONS)[number]

/** The parts of an invoice file name before the extension (`IT01234567890_FPA01`). */
export interface InvoiceFileStem {
  /** ISO 3166-1 alpha-2 code of the transmitter's country. */
  readonly country: string
  /** The transmitter's tax id (for IT its codice fiscale: 11 digits or 16 characters). */
  readonly transmitterId: string
  /** 1..5 letters or digits that make the name unique for the transmitter. */
  readonly progressive: string
}

export interface InvoiceFileName extends InvoiceFileStem {
  readonly extension: InvoiceFileExtension
}

export type FileNameResult<T> =
  { readonly ok: true; readonly fileName: T } | { readonly ok: false; readonly error: SdiError }

// The SOAP NomeFile type ([a-zA-Z0-9_\.]{9,50}) bounds every name; the rule's parts are stricter.
const MAX_LENGTH = 50
const NAME_CHARACTERS = /^[A-Za-z0-9_.]*$/
const COUNTRY = /^[A-Z]{2}$/
// A codice fiscale: 11 digits (legal persons, and the partita IVA shape) or 16 characters (natural persons).
const CODICE_FISCALE = /^(?:[0-9]{11}|[A-Z0-9]{16})$/
const FOREIGN_ID = /^[A-Za-z0-9]{2,28}$/
const PROGRESSIVE = /^[A-Za-z0-9]{1,5}$/

function failed<T>(detail: Problem, message: SdiError['message']): FileNameResult<T> {
  return { ok: false, error: fileNameError(detail, message) }
}

/** Length and character set, checked first (before any pattern runs on a possibly huge string). */
export function checkNameCharacters(name: string): SdiError | undefined {
  if (name.length > MAX_LENGTH) return fileNameError(Problem.length, fileNameText.length(name.length))
  if (!NAME_CHARACTERS.test(name)) return fileNameError(Problem.characters, fileNameText.characters())
  return undefined
}

/** Checks the parts of an invoice file name's stem: country, transmitter id and progressive. */
export function checkInvoiceStem(country: string, transmitterId: string, progressive: string): SdiError | undefined {
  if (!COUNTRY.test(country)) return fileNameError(Problem.country, fileNameText.country(country))
  if (country === 'IT' ? !CODICE_FISCALE.test(transmitterId) : !FOREIGN_ID.test(transmitterId)) {
    const message =
      country === 'IT' ? fileNameText.transmitterIdIT(transmitterId) : fileNameText.transmitterId(transmitterId)
    return fileNameError(Problem.transmitterId, message)
  }
  if (!PROGRESSIVE.test(progressive)) return fileNameError(Problem.progressive, fileNameText.progressive(progressive))
  return undefined
}

/** Splits and checks `<IdPaese><IdCodice>_<progressivo>` (no extension). */
function parseInvoiceStem(stem: string): FileNameResult<InvoiceFileStem> {
  const parts = stem.split('_')
  if (parts.length !== 2) return failed(Problem.format, fileNameText.invoiceFormat())
  const [head = '', progressive = ''] = parts
  const fileName = { country: head.slice(0, 2), transmitterId: head.slice(2), progressive }
  const error = checkInvoiceStem(fileName.country, fileName.transmitterId, fileName.progressive)
  return error === undefined ? { ok: true, fileName } : { ok: false, error }
}

/**
 * Parses an invoice or archive file name (IT01234567890_FPA01.xml, IT01234567890_11111.xml.p7m, ...). A name that
 * breaks the rule is SdI error 00001, with our reason in `detail`.
 */
export function parseInvoiceFileName(name: string): FileNameResult<InvoiceFileName> {
  const error = checkNameCharacters(name)
  if (error !== undefined) return { ok: false, error }
  // The stem holds no "." (only letters, digits and one "_"), so the extension starts at the first one.
  const dot = name.indexOf('.')
  const extension = dot < 0 ? '' : name.slice(dot + 1)
  if (!isInvoiceExtension(extension)) {
    return failed(Problem.extension, fileNameText.invoiceExtension())
  }
  const stem = parseInvoiceStem(name.slice(0, dot))
  return stem.ok ? { ok: true, fileName: { ...stem.fileName, extension } } : stem
}

function isInvoiceExtension(extension: string): extension is InvoiceFileExtension {
  return (INVOICE_FILE_EXTENSIONS as readonly string[]).includes(extension)
}

export interface InvoiceFileNameParts extends InvoiceFileStem {
  /** CAdES-signed (`.xml.p7m`); otherwise `.xml` (unsigned, or XAdES-signed: the signature is inside). */
  readonly signed: boolean
}

/** Builds an invoice file name; throws FATTURAPA_ERR_FILE_NAME when a part breaks the rule. */
export function invoiceFileName({ country, transmitterId, progressive, signed }: InvoiceFileNameParts): string {
  const error = checkInvoiceStem(country, transmitterId, progressive)
  if (error !== undefined) throw fileNameFailure(error)
  return `${country}${transmitterId}_${progressive}.${signed ? 'xml.p7m' : 'xml'}`
}
