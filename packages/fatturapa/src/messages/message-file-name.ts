import { FileNameProblemCode as Problem, fileNameError, fileNameFailure, fileNameText } from './file-name-problem.ts'
import {
  checkInvoiceStem,
  checkNameCharacters,
  parseInvoiceFileName,
  type FileNameResult,
  type InvoiceFileStem,
} from './invoice-file-name.ts'
import { SDI_MESSAGE_KINDS, type SdiMessageKind } from './message-roots.ts'

/*
 * Message file names, FACTS §4: `<invoice file name without extension>_<TT>_<nnn>.xml`, e.g.
 * IT01234567890_11111_RC_001.xml for any message about IT01234567890_11111.xml.p7m. TT is the message type, nnn a
 * 3-character alphanumeric progressive. The EC a recipient sends is named the same way.
 */

export interface MessageFileName {
  /** The invoice file's name without extension (`IT01234567890_11111`), and its parts. */
  readonly invoiceFileStem: string
  readonly invoice: InvoiceFileStem
  readonly kind: SdiMessageKind
  /** The message's 3-character progressive (`001`). */
  readonly progressive: string
}

const MESSAGE_PROGRESSIVE = /^[A-Za-z0-9]{3}$/
const KIND_LIST = SDI_MESSAGE_KINDS.join(', ')

function isKind(value: string): value is SdiMessageKind {
  return (SDI_MESSAGE_KINDS as readonly string[]).includes(value)
}

/** Parses a message file name. The message itself is recognised by its content (parseSdiMessage), never by its name. */
export function parseMessageFileName(name: string): FileNameResult<MessageFileName> {
  const error = checkNameCharacters(name)
  if (error !== undefined) return { ok: false, error }
  if (!name.endsWith('.xml') || name.indexOf('.') !== name.length - 4) {
    return { ok: false, error: fileNameError(Problem.extension, fileNameText.messageExtension()) }
  }
  const parts = name.slice(0, -4).split('_')
  if (parts.length !== 4) return { ok: false, error: fileNameError(Problem.format, fileNameText.messageFormat()) }
  const [head = '', invoiceProgressive = '', kind = '', progressive = ''] = parts
  const invoice = { country: head.slice(0, 2), transmitterId: head.slice(2), progressive: invoiceProgressive }
  const invalid = checkInvoiceStem(invoice.country, invoice.transmitterId, invoice.progressive)
  if (invalid !== undefined) return { ok: false, error: invalid }
  if (!isKind(kind)) {
    return { ok: false, error: fileNameError(Problem.messageType, fileNameText.messageType(kind, KIND_LIST)) }
  }
  if (!MESSAGE_PROGRESSIVE.test(progressive)) {
    return { ok: false, error: fileNameError(Problem.messageProgressive, fileNameText.messageProgressive(progressive)) }
  }
  return { ok: true, fileName: { invoiceFileStem: `${head}_${invoiceProgressive}`, invoice, kind, progressive } }
}

function progressiveText(progressive: number | string): string {
  if (typeof progressive === 'string') return progressive
  return Number.isInteger(progressive) && progressive >= 0 && progressive <= 999
    ? String(progressive).padStart(3, '0')
    : String(progressive)
}

/**
 * The name of a message about an invoice file: `messageFileName('IT01234567890_11111.xml.p7m', 'RC', 1)` is
 * IT01234567890_11111_RC_001.xml. `progressive` is 0..999 (zero-padded) or 3 letters or digits. Throws
 * FATTURAPA_ERR_FILE_NAME when the invoice file name or the progressive breaks the rule.
 */
export function messageFileName(invoiceFileName: string, kind: SdiMessageKind, progressive: number | string): string {
  const invoice = parseInvoiceFileName(invoiceFileName)
  if (!invoice.ok) throw fileNameFailure(invoice.error)
  if (!isKind(kind))
    throw fileNameFailure(fileNameError(Problem.messageType, fileNameText.messageType(kind, KIND_LIST)))
  const nnn = progressiveText(progressive)
  if (!MESSAGE_PROGRESSIVE.test(nnn)) {
    throw fileNameFailure(fileNameError(Problem.messageProgressive, fileNameText.messageProgressive(nnn)))
  }
  const { country, transmitterId, progressive: invoiceProgressive } = invoice.fileName
  return `${country}${transmitterId}_${invoiceProgressive}_${kind}_${nnn}.xml`
}
