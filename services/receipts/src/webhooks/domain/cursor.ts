import { CursorInvalid } from '../errors.ts'

/** A position in a listing: the last item's creation time (microseconds, as PostgreSQL keeps it) and id. */
export interface Cursor {
  readonly createdAt: string
  readonly id: string
}

const CREATED_AT = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** An opaque cursor (base64url JSON): clients pass it back, never build it. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id]), 'utf8').toString('base64url')
}

/** The position an opaque cursor stands for; RECEIPTS_ERR_CURSOR_INVALID for anything this API did not make. */
export function decodeCursor(text: string): Cursor {
  let value: unknown
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'))
  } catch {
    throw new CursorInvalid()
  }
  if (!Array.isArray(value) || value.length !== 2) throw new CursorInvalid()
  const [createdAt, id] = value as unknown[]
  if (typeof createdAt !== 'string' || !CREATED_AT.test(createdAt)) throw new CursorInvalid()
  if (typeof id !== 'string' || !UUID.test(id)) throw new CursorInvalid()
  return { createdAt, id }
}
