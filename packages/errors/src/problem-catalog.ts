import { defineError, type CodedErrorConstructor, type CodedErrorOptions } from './coded-error.ts'

/**
 * The coded errors one HTTP API answers with, each with the constant title of its RFC 9457 problem documents (the
 * message becomes the `detail`). One catalog per API: `title` says whether a code is one of its own.
 */
export interface ProblemCatalog {
  readonly define: <Args extends unknown[]>(
    code: string,
    title: string,
    message: string,
    options: CodedErrorOptions & { readonly statusCode: number },
  ) => CodedErrorConstructor<Args>
  /** The title of a code's problem documents; undefined for a code this catalog does not define. */
  readonly title: (code: string) => string | undefined
  /** Every code defined, in definition order (for a README check, an OpenAPI description). */
  readonly codes: () => readonly string[]
}

export function createProblemCatalog(): ProblemCatalog {
  const titles = new Map<string, string>()
  return {
    define: (code, title, message, options) => {
      titles.set(code, title)
      return defineError(code, message, options)
    },
    title: (code) => titles.get(code),
    codes: () => [...titles.keys()],
  }
}
