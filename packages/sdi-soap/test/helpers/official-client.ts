import { Agent } from 'node:https'
import { createClientAsync, type Client } from 'soap'
import { XOP_NAMESPACE } from '../../src/mtom/xop-decode.ts'
import { OFFICIAL_WSDL } from './official.ts'
import type { TlsPki } from '@varco/testing'

/**
 * An independent client: the soap package's own Client (axios transport, its own MTOM packaging) built from the
 * OFFICIAL WSDL, with nothing of this package in between.
 */
export interface OfficialClient {
  /** Calls an operation inline; resolves to [result, raw response body]. */
  call(operation: string, args: Record<string, unknown>): Promise<[unknown, string]>
  /** Calls with the given binary fields as MTOM attachments (soap's `attachments` option). */
  callMtom(
    operation: string,
    args: Record<string, unknown>,
    binaries: Record<string, Buffer>,
  ): Promise<[unknown, string]>
  close(): void
}

type AsyncMethod = (args: unknown, options: object) => Promise<[unknown, string]>

export async function officialClient(
  service: keyof typeof OFFICIAL_WSDL,
  endpoint: string,
  pki: TlsPki,
): Promise<OfficialClient> {
  const client: Client = await createClientAsync(OFFICIAL_WSDL[service], { endpoint })
  const identity = pki.clientIdentity()
  const httpsAgent = new Agent({ cert: identity.cert, key: identity.key, ca: identity.ca, keepAlive: true })
  const method = (operation: string): AsyncMethod => {
    const fn: unknown = client[`${operation}Async`]
    if (typeof fn !== 'function') throw new Error(`${operation} not in the official WSDL`)
    return (fn as AsyncMethod).bind(client)
  }
  return {
    call: (operation, args) => method(operation)(args, { httpsAgent }),
    callMtom(operation, args, binaries) {
      const attachments = Object.entries(binaries).map(([field, body], i) => ({
        mimetype: 'application/octet-stream',
        contentId: `${field}-${i}@official`,
        name: field,
        body,
      }))
      const withIncludes = { ...args }
      for (const a of attachments) {
        withIncludes[a.name] = { $xml: `<xop:Include xmlns:xop="${XOP_NAMESPACE}" href="cid:${a.contentId}"/>` }
      }
      return method(operation)(withIncludes, { httpsAgent, attachments })
    },
    close: () => httpsAgent.destroy(),
  }
}

/** The inline form of a message for the official client: every Buffer as base64 text. */
export function inline(message: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(message).map(([key, value]) => [key, Buffer.isBuffer(value) ? value.toString('base64') : value]),
  )
}
