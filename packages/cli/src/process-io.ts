import { readFile, writeFile } from 'node:fs/promises'
import type { CliIo } from './io.ts'

/** The real process: its streams, the file system, its environment and clock. */
export const processIo: CliIo = {
  stdout: (data) => void process.stdout.write(data),
  stderr: (text) => void process.stderr.write(text),
  readFile: (path) => readFile(path),
  writeFile: (path, data) => writeFile(path, data),
  env: (name) => process.env[name],
  now: () => new Date(),
}
