import {
  invoiceRejected,
  invoiceValidated,
  type InvoiceReceived,
  type InvoiceRejected,
  type InvoiceValidated,
} from '@varco/contracts'
import type { DocumentStore } from '@varco/documents'
import { validateInvoiceFile, type FatturaXsdValidator, type SdiError } from '@varco/fatturapa'
import type { TrustStore } from '@varco/signature'
import { checkSignature } from './signed-file.ts'
import { summarize } from './summarize.ts'

export interface DecideDeps {
  readonly documents: DocumentStore
  /** The CAs vendors' signatures must chain to; undefined when the operator configured none. */
  readonly trust: TrustStore | undefined
  /** The official XSD, when the operator configured a directory holding it: a second opinion on the format. */
  readonly xsd: FatturaXsdValidator | undefined
}

export type Outcome = InvoiceValidated | InvoiceRejected

// A NotificaScarto lists at most 200 errors; past that SdI stops (00201), and so do we.
const MAX_ERRORS = 200

/** What the official XSD finds that our model did not: each as 00200, marked as the XSD's. */
function xsdErrors(xsd: FatturaXsdValidator | undefined, content: Buffer): SdiError[] {
  if (xsd === undefined) return []
  return xsd.validate(content).problems.map((problem) => ({
    code: '00200',
    path: problem.line === undefined ? '' : `line ${problem.line}`,
    message: { it: problem.message, en: problem.message },
    detail: 'xsd',
  }))
}

/**
 * Runs SdI's stages on the file an invoice.received event refers to, in SdI's order: signature (a .p7m or a XAdES
 * file), size, format, content. A stage that fails ends the checks, as at SdI. The content of a .p7m is stored, so
 * that later stages read the invoice without unwrapping it again.
 */
export async function decideOutcome(event: InvoiceReceived, deps: DecideDeps): Promise<Outcome> {
  const { document } = event.data
  const receivedAt = new Date(event.occurredAt)
  const header = {
    source: 'validation',
    tenantId: event.tenantId,
    invoiceId: event.invoiceId,
    correlationId: event.correlationId,
    causationId: event.id,
  }
  const reject = (errors: readonly SdiError[]): InvoiceRejected =>
    invoiceRejected.create({ ...header, data: { document, stage: 'validation', errors: errors.slice(0, MAX_ERRORS) } })

  const { bytes } = await deps.documents.get(document.sha256)
  const signature = await checkSignature(bytes, { trust: deps.trust, receivedAt })
  if (!signature.ok) return reject(signature.errors)
  const verdict = validateInvoiceFile(signature.content, { receivedAt })
  if (!verdict.ok) return reject(verdict.errors)
  const schemaErrors = xsdErrors(deps.xsd, signature.content)
  if (schemaErrors.length > 0) return reject(schemaErrors)

  const content =
    signature.content === bytes ? document : await deps.documents.put(signature.content, 'application/xml')
  return invoiceValidated.create({
    ...header,
    data: {
      document,
      content,
      ...(signature.signedBy === undefined ? {} : { signedBy: signature.signedBy }),
      ...summarize(verdict.fattura),
    },
  })
}
