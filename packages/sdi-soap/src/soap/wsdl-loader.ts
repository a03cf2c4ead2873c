import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { WSDL } from 'soap'
import { SdiSoapWsdlLoadError } from '../errors.ts'
import type { OperationSpec, ServiceSpec } from '../contract/spec.ts'

/** This package's own WSDLs and XSDs (written from FACTS.md; the official files are never bundled). */
export const WSDL_DIR = fileURLToPath(new URL('../../wsdl/', import.meta.url))

// soap turns xsd:dateTime into a Date through `new Date(text)`, which reads a time without offset as local time:
// the lexical form is kept instead and checked by the codecs.
const WSDL_OPTIONS = { customDeserializer: { dateTime: (text: string) => text } }

// One parsed WSDL per file and process: parsing costs milliseconds, and clients and servers only read it.
const loaded = new Map<string, Promise<WSDL>>()

async function parse(file: string): Promise<WSDL> {
  const path = fileURLToPath(new URL(file, `file://${WSDL_DIR}`))
  try {
    const wsdl = new WSDL(await readFile(path, 'utf8'), path, WSDL_OPTIONS)
    await new Promise<void>((resolve, reject) => wsdl.onReady((err) => (err ? reject(err) : resolve())))
    return wsdl
  } catch (cause) {
    throw new SdiSoapWsdlLoadError(path, { cause })
  }
}

/** The parsed WSDL of a service (shared: callers must not change its options). */
export function loadWsdl(service: ServiceSpec): Promise<WSDL> {
  let wsdl = loaded.get(service.wsdl)
  if (wsdl === undefined) {
    wsdl = parse(service.wsdl)
    wsdl.catch(() => loaded.delete(service.wsdl))
    loaded.set(service.wsdl, wsdl)
  }
  return wsdl
}

/** Where soap writes a body element: the prefix and namespace the WSDL binds to it (and its type, for soap's lookups). */
export interface BoundOutput {
  readonly prefix: string
  readonly namespace: string
  readonly type?: string
}

/** Where the operation's input and output elements are written. */
export interface BoundMessages {
  readonly input: BoundOutput
  readonly output: BoundOutput
}

interface SoapBoundElement {
  readonly $name?: string
  readonly $type?: string
  readonly $lookupType?: string
  readonly targetNSAlias?: string
  readonly targetNamespace?: string
}

function bound(element: SoapBoundElement | undefined, service: ServiceSpec): BoundOutput {
  const type = element?.$type ?? element?.$lookupType
  return {
    prefix: element?.targetNSAlias ?? '',
    namespace: element?.targetNamespace ?? service.typesNamespace,
    ...(type === undefined ? {} : { type }),
  }
}

/**
 * Checks that the WSDL binds the operation as the spec says (soapAction, request and response elements), so this
 * package's WSDLs and its TypeScript tables cannot drift apart unnoticed, and returns where its messages are written
 * (the server writes outputs, the client inputs, as soap's Client would).
 */
export function boundOperation(wsdl: WSDL, service: ServiceSpec, op: OperationSpec<unknown, unknown>): BoundMessages {
  const method = Object.values(wsdl.definitions.bindings).find((b) => b.methods[op.operation])?.methods[op.operation]
  const mismatch = (what: string): never => {
    throw new SdiSoapWsdlLoadError(`${service.wsdl}: ${op.operation} ${what} differs from the spec`)
  }
  if (method === undefined) return mismatch('binding')
  if (method.soapAction !== op.soapAction) mismatch('soapAction')
  if (method.input.$name !== op.requestElement) mismatch('input element')
  const output = method.output as typeof method.output | undefined
  if (output?.$name !== op.responseElement) mismatch('output element')
  return {
    input: bound(method.input, service),
    output: bound(output, service),
  }
}
