import { request as httpsRequest, type Agent } from 'node:https'
import type { IncomingMessage } from 'node:http'
import { SdiSoapResponseInvalid } from '../errors.ts'
import { parseMediaType } from '../mtom/content-type.ts'
import { decodeMtom } from '../mtom/xop-decode.ts'
import { encodeMtom } from '../mtom/xop-encode.ts'
import { SOAP_CONTENT_TYPE } from '../soap/envelope.ts'
import { CALL_STATE, type CallOptions, type CallState } from './call-state.ts'
import { networkError } from './network-error.ts'

/** soap calls back with the response (status and headers) and its envelope text, or with an error. */
type SoapCallback = (
  error: unknown,
  response?: { status: number; headers: IncomingMessage['headers'] },
  body?: string,
) => void

/**
 * The HTTP side of soap's Client (its `httpClient` option), in place of soap's axios-based one: node:https with a
 * keep-alive mutual-TLS agent, MTOM packaging of the call's attachments, a body cap, and the call's AbortSignal on
 * every byte. It never judges the HTTP status: the caller does, knowing whether soap found a fault.
 */
export interface SoapTransport {
  request(
    url: string,
    data: string,
    callback: SoapCallback,
    headers: Record<string, unknown>,
    options: CallOptions,
  ): void
}

function payload(
  envelope: string,
  state: CallState,
): { contentType: string; chunks: readonly Buffer[]; length: number } {
  if (state.attachments.length > 0) return encodeMtom(envelope, state.attachments)
  const bytes = Buffer.from(envelope, 'utf8')
  return { contentType: SOAP_CONTENT_TYPE, chunks: [bytes], length: bytes.length }
}

function responseText(res: IncomingMessage, body: Buffer, state: CallState): string {
  const media = parseMediaType(res.headers['content-type'])
  if (media?.type !== 'multipart/related') return body.toString('utf8')
  try {
    const message = decodeMtom(body, media)
    state.responseAttachments = message.attachments
    return message.xml
  } catch (cause) {
    throw new SdiSoapResponseInvalid(state.operation, state.endpoint, 'malformed MTOM response', { cause })
  }
}

export function createTransport(agent: Agent, maxResponseBytes: number): SoapTransport {
  return {
    request(url, data, callback, headers, options) {
      const state = options[CALL_STATE]
      let settled = false
      const settle: SoapCallback = (...args) => {
        if (settled) return
        settled = true
        callback(...args)
      }
      const body = payload(data, state)
      const req = httpsRequest(url, {
        method: 'POST',
        agent,
        signal: state.signal,
        headers: {
          'content-type': body.contentType,
          'content-length': body.length,
          soapaction: typeof headers.SOAPAction === 'string' ? headers.SOAPAction : '""',
          accept: 'text/xml, multipart/related',
        },
      })
      req.on('error', (err) => settle(networkError(err, state)))
      req.on('response', (res) => {
        const chunks: Buffer[] = []
        let size = 0
        res.on('data', (chunk: Buffer) => {
          size += chunk.length
          if (size > maxResponseBytes) {
            settle(new SdiSoapResponseInvalid(state.operation, state.endpoint, `larger than ${maxResponseBytes} bytes`))
            req.destroy()
          } else chunks.push(chunk)
        })
        res.on('error', (err) => settle(networkError(err, state)))
        res.on('end', () => {
          state.status = res.statusCode ?? 0
          try {
            const text = responseText(res, Buffer.concat(chunks, size), state)
            settle(null, { status: state.status, headers: res.headers }, text)
          } catch (err) {
            settle(err)
          }
        })
      })
      for (const chunk of body.chunks) req.write(chunk)
      req.end()
    },
  }
}
