import { request as httpsRequest, type Agent } from 'node:https'
import type { IncomingMessage } from 'node:http'
import { urlToHttpOptions } from 'node:url'
import { SdiSoapResponseInvalid } from '../errors.ts'
import { parseMediaType } from '../mtom/content-type.ts'
import { decodeMtom } from '../mtom/xop-decode.ts'
import { encodeMtom } from '../mtom/xop-encode.ts'
import { SOAP_CONTENT_TYPE } from '../soap/envelope.ts'
import type { CallState } from './call-state.ts'
import { networkError } from './network-error.ts'

/**
 * The HTTP side of a call: node:https with a keep-alive mutual-TLS agent, MTOM packaging of the call's attachments, a
 * body cap, and the call's AbortSignal on every byte. It resolves to the response's envelope text (MTOM decoded, its
 * parts in `state.responseAttachments`) and sets `state.status`; it never judges the status: the caller does, knowing
 * whether the body held a fault.
 */
export interface SoapTransport {
  post(envelope: string, soapAction: string, state: CallState): Promise<string>
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

export function createTransport(url: URL, agent: Agent, maxResponseBytes: number): SoapTransport {
  // Parsed once: https.request re-reads a string URL on every call.
  const target = urlToHttpOptions(url)
  return {
    post: (envelope, soapAction, state) =>
      new Promise((resolve, reject) => {
        // An error after the response was judged (a late socket error, the cap's destroy) must not count twice.
        let settled = false
        const fail = (err: Error) => {
          if (settled) return
          settled = true
          reject(err)
        }
        const body = payload(envelope, state)
        const req = httpsRequest({
          ...target,
          method: 'POST',
          agent,
          signal: state.signal,
          headers: {
            'content-type': body.contentType,
            'content-length': body.length,
            soapaction: soapAction,
            accept: 'text/xml, multipart/related',
          },
        })
        req.on('error', (err) => fail(networkError(err, state)))
        req.on('response', (res) => {
          const chunks: Buffer[] = []
          let size = 0
          res.on('data', (chunk: Buffer) => {
            size += chunk.length
            if (size > maxResponseBytes) {
              fail(new SdiSoapResponseInvalid(state.operation, state.endpoint, `larger than ${maxResponseBytes} bytes`))
              req.destroy()
            } else chunks.push(chunk)
          })
          res.on('error', (err) => fail(networkError(err, state)))
          res.on('end', () => {
            if (settled) return
            state.status = res.statusCode ?? 0
            try {
              const text = responseText(res, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size), state)
              settled = true
              resolve(text)
            } catch (err) {
              // responseText throws only our coded errors.
              fail(err as Error)
            }
          })
        })
        for (const chunk of body.chunks) req.write(chunk)
        req.end()
      }),
  }
}
