import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'

/** A Node program started from TypeScript sources, whose output lines a test can wait for. */
export interface NodeProcess {
  readonly child: ChildProcess
  /** Every stdout and stderr line so far. */
  readonly lines: readonly string[]
  /** Resolves with the first line (past or future) that matches; rejects if the process exits first or on timeout. */
  waitForLine(match: (line: string) => boolean, timeoutMs?: number): Promise<string>
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  readonly exited: Promise<number | string>
  kill(signal?: NodeJS.Signals): Promise<number | string>
}

/**
 * Runs `script` with this Node (the project's Node 24) resolving workspace packages to their sources, so a test can
 * run a service-like program as a separate OS process and SIGKILL it.
 */
export function startNodeProcess(script: string, env: Record<string, string>): NodeProcess {
  const child = spawn(process.execPath, ['--conditions=@varco/source', script], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: string[] = []
  const listeners = new Set<(line: string) => void>()
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      lines.push(line)
      for (const listener of listeners) listener(line)
    })
  }
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  )

  return {
    child,
    lines,
    exited,
    waitForLine(match, timeoutMs = 60_000) {
      const seen = lines.find(match)
      if (seen !== undefined) return Promise.resolve(seen)
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => finish(new Error(`no matching line within ${timeoutMs} ms:\n${lines.slice(-20).join('\n')}`)),
          timeoutMs,
        )
        const listener = (line: string) => match(line) && finish(undefined, line)
        function finish(err?: Error, line?: string) {
          clearTimeout(timer)
          listeners.delete(listener)
          if (err) reject(err)
          else resolve(line!)
        }
        listeners.add(listener)
        void exited.then((code) =>
          finish(new Error(`process exited (${code}) before a matching line:\n${lines.slice(-20).join('\n')}`)),
        )
      })
    },
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      return exited
    },
  }
}
