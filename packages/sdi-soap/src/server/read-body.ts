import type { IncomingMessage } from 'node:http'

/** The body, or 'too-large' as soon as it passes the cap (nothing more is buffered then). */
type BodyResult = Buffer | 'too-large'

/**
 * Reads a request body up to `limit` bytes. A declared Content-Length over the limit is refused before reading; a
 * chunked body is counted as it arrives. Rejects when the client goes away mid-body.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const declared = Number(req.headers['content-length'] ?? Number.NaN)
  if (declared > limit) return Promise.resolve('too-large')
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer): void => {
      size += chunk.length
      if (size > limit) {
        req.off('data', onData)
        chunks.length = 0
        resolve('too-large')
        return
      }
      chunks.push(chunk)
    }
    req.on('data', onData)
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)))
    req.once('error', reject)
  })
}
