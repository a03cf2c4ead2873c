import { createHash } from 'node:crypto'
import {
  parseInvoiceFileName,
  sdiErrorCatalog,
  SDI_MAX_FILE_BYTES,
  validateInvoiceFile,
  type SdiError,
  type SdiErrorCode,
} from '@varco/fatturapa'
import { unwrapSignedFile, type TrustStore } from '@varco/signature'
import { invoiceKeys } from './invoice-key.ts'
import type { IntakeRegistry, IntakeVerdict, Recipient, SubmittedFile } from './submitted-file.ts'

export interface IntakeOptions {
  readonly registry: IntakeRegistry
  /** The CAs SdI trusts for signatures (the simulator's stand-in for the EU trusted list). */
  readonly trust: TrustStore
  readonly receivedAt: Date
}

function sdiError(code: SdiErrorCode, it: string, en: string, path = ''): SdiError {
  return { code, path, message: { it: `${sdiErrorCatalog[code].it}: ${it}`, en } }
}

const rejected = (...errors: SdiError[]): IntakeVerdict => ({ accepted: false, errors })

// Codes with a meaning of their own for routing: 0000000 (PEC or reserved area) and XXXXXXX (foreign buyer).
const UNREGISTERED_CODES = new Set(['0000000', 'XXXXXXX'])

type Routing = { readonly ok: true; readonly recipient: Recipient } | { readonly ok: false; readonly error: SdiError }

async function route(code: string, formato: 'FPA12' | 'FPR12', registry: IntakeRegistry): Promise<Routing> {
  if (formato === 'FPR12' && UNREGISTERED_CODES.has(code)) {
    return { ok: true, recipient: { code, name: code === '0000000' ? 'PEC o area riservata' : 'soggetto estero' } }
  }
  const recipient = await registry.recipient(code)
  if (recipient !== undefined) return { ok: true, recipient }
  const where = formato === 'FPA12' ? 'IPA' : 'canali accreditati'
  const error = sdiError(
    '00311',
    `${code} non è presente in ${where}`,
    `${code} is not in the ${formato === 'FPA12' ? 'IPA registry' : 'registry of channels'}`,
    'FatturaElettronicaHeader.DatiTrasmissione.CodiceDestinatario',
  )
  return { ok: false, error }
}

/**
 * SdI's checks on a received file, in SdI's order (FACTS.md §6), each stage ending the checks when it fails: file
 * name (00001), name already used (00002), size (00003), signature (00100-00107), format (00200) and content
 * (validateInvoiceFile), then what needs SdI's registries: the routing code (00311) and invoices already accepted
 * (00404). A file to a public administration must be signed (FACTS.md §5).
 */
export async function checkSubmission(file: SubmittedFile, options: IntakeOptions): Promise<IntakeVerdict> {
  const { registry, receivedAt } = options
  const name = parseInvoiceFileName(file.name)
  if (!name.ok) return rejected(name.error)
  if (name.fileName.extension === 'zip') {
    return rejected(sdiError('00106', 'il simulatore non apre archivi zip', 'the simulator does not open zip archives'))
  }
  if (await registry.fileNameSeen(file.name)) {
    return rejected(sdiError('00002', `${file.name} è già stato ricevuto`, `${file.name} was received before`))
  }
  if (file.bytes.byteLength > SDI_MAX_FILE_BYTES) {
    return rejected(sdiError('00003', `${file.bytes.byteLength} byte`, `${file.bytes.byteLength} bytes, over 5 MB`))
  }
  const signature = await unwrapSignedFile(file.bytes, { trust: options.trust, receivedAt })
  if (!signature.ok) {
    return rejected(...signature.problems.map((p) => sdiError(p.code, p.message, p.message)))
  }
  if ((name.fileName.extension === 'xml.p7m') !== (signature.signedBy === 'cades')) {
    return rejected(
      sdiError(
        '00001',
        "l'estensione non corrisponde al file",
        'the extension does not match the file (.xml.p7m is CAdES)',
      ),
    )
  }
  const verdict = validateInvoiceFile(signature.content, { receivedAt })
  if (!verdict.ok) return rejected(...verdict.errors)
  const { fattura } = verdict
  const formato = fattura.versione
  if (formato === 'FPA12' && signature.signedBy === undefined) {
    return rejected(
      sdiError('00102', 'la fattura verso la PA non è firmata', 'an invoice to a public administration must be signed'),
    )
  }
  const routing = await route(fattura.FatturaElettronicaHeader.DatiTrasmissione.CodiceDestinatario, formato, registry)
  if (!routing.ok) return rejected(routing.error)
  const keys = invoiceKeys(fattura)
  const duplicates: SdiError[] = []
  for (const [index, key] of keys.entries()) {
    if (await registry.invoiceAccepted(key)) {
      const numero = fattura.FatturaElettronicaBody[index]?.DatiGenerali.DatiGeneraliDocumento.Numero ?? ''
      duplicates.push(
        sdiError(
          '00404',
          `la fattura ${numero} è già stata trasmessa`,
          `invoice ${numero} was already accepted`,
          `FatturaElettronicaBody[${index}].DatiGenerali.DatiGeneraliDocumento.Numero`,
        ),
      )
    }
  }
  if (duplicates.length > 0) return rejected(...duplicates)
  return {
    accepted: true,
    fattura,
    formato,
    recipient: routing.recipient,
    invoiceKeys: keys,
    hash: createHash('sha256').update(file.bytes).digest('hex'),
    ...(signature.signedBy === undefined ? {} : { signedBy: signature.signedBy }),
  }
}
