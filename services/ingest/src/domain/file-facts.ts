/** What the API needs to know of a file, read from its model (or from what a parse could read of an invalid one). */
export interface FileFacts {
  /** DatiTrasmissione/IdTrasmittente as in SdI file names (IT01234567890); undefined when it cannot be read. */
  readonly transmitter: string | undefined
  readonly recipientCode: string | undefined
  /** One per FatturaElettronicaBody. */
  readonly documents: readonly DocumentFacts[]
}

export interface DocumentFacts {
  readonly type: string
  readonly number: string
  readonly date: string
}

const COUNTRY = /^[A-Z]{2}$/
const TRANSMITTER_CODE = /^[A-Za-z0-9]{2,28}$/

function field(value: unknown, ...path: readonly string[]): unknown {
  let current = value
  for (const key of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}

function text(value: unknown, ...path: readonly string[]): string | undefined {
  const found = field(value, ...path)
  return typeof found === 'string' ? found : undefined
}

function transmitterOf(model: unknown): string | undefined {
  const id = field(model, 'FatturaElettronicaHeader', 'DatiTrasmissione', 'IdTrasmittente')
  const country = text(id, 'IdPaese')
  const code = text(id, 'IdCodice')
  if (country === undefined || code === undefined) return undefined
  return COUNTRY.test(country) && TRANSMITTER_CODE.test(code) ? `${country}${code}` : undefined
}

function documentsOf(model: unknown): DocumentFacts[] {
  const bodies = field(model, 'FatturaElettronicaBody')
  if (!Array.isArray(bodies)) return []
  return bodies.map((body: unknown) => {
    const general = field(body, 'DatiGenerali', 'DatiGeneraliDocumento')
    return {
      type: (text(general, 'TipoDocumento') ?? '').slice(0, 4),
      number: (text(general, 'Numero') ?? '').slice(0, 20),
      date: (text(general, 'Data') ?? '').slice(0, 10),
    }
  })
}

/**
 * The facts of a parsed model, or of the partial model parseFattura returns for an invalid file: read defensively,
 * since nothing in a partial model is guaranteed to be there or to have its type.
 */
export function factsOf(model: unknown): FileFacts {
  const recipient = text(model, 'FatturaElettronicaHeader', 'DatiTrasmissione', 'CodiceDestinatario')
  return {
    transmitter: transmitterOf(model),
    recipientCode: recipient !== undefined && /^[A-Z0-9]{6,7}$/.test(recipient) ? recipient : undefined,
    documents: documentsOf(model),
  }
}
