import type { CliIo } from '../../src/index.ts'

export interface MemoryIoOptions {
  readonly env?: Readonly<Record<string, string>>
  /** The clock; the real one by default, since the test PKI's certificates are valid around now. */
  readonly now?: Date
  /** Every write fails with EACCES. */
  readonly readOnly?: boolean
}

const fsError = (code: string, path: string) => Object.assign(new Error(`${code}: ${path}`), { code })

/** An in-memory CliIo: `files` holds what commands read and, after a run, what they wrote. */
export function memoryIo(initial: Readonly<Record<string, string | Buffer>> = {}, options: MemoryIoOptions = {}) {
  const files = new Map(Object.entries(initial).map(([path, content]) => [path, Buffer.from(content)]))
  const out: Buffer[] = []
  const err: string[] = []
  const io: CliIo = {
    stdout: (data) => void out.push(Buffer.from(data)),
    stderr: (text) => void err.push(text),
    readFile: (path) => {
      const content = files.get(path)
      return content === undefined ? Promise.reject(fsError('ENOENT', path)) : Promise.resolve(Buffer.from(content))
    },
    writeFile: (path, data) => {
      if (options.readOnly) return Promise.reject(fsError('EACCES', path))
      files.set(path, Buffer.from(data))
      return Promise.resolve()
    },
    env: (name) => options.env?.[name],
    now: () => options.now ?? new Date(),
  }
  return {
    io,
    files,
    out: () => Buffer.concat(out).toString('utf8'),
    outBytes: () => Buffer.concat(out),
    err: () => err.join(''),
  }
}
