import type { Page } from '../../domain/subscription.ts'

/** undefined for SQL NULL. */
export function nullable<T>(value: T | null): T | undefined {
  return value === null ? undefined : value
}

/** A page from `limit + 1` rows: the extra row only says that there is more. */
export function pageOf<Row extends { id: string; created_at_text: string }, T>(
  rows: readonly Row[],
  limit: number,
  map: (row: Row) => T,
): Page<T> {
  const shown = rows.slice(0, limit)
  const last = shown.at(-1)
  return {
    items: shown.map(map),
    next: rows.length > limit && last !== undefined ? { createdAt: last.created_at_text, id: last.id } : undefined,
  }
}
