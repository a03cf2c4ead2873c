import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'

/** A service running as its own process, its output lines prefixed with its name. */
export interface Service {
  readonly name: string
  readonly child: ChildProcess
  /** Resolves with the first output line that matches. */
  waitFor(match: (line: string) => boolean, timeoutMs?: number): Promise<string>
}

const PAD = 14

export function startService(name: string, script: string, env: Record<string, string>, verbose: boolean): Service {
  const child = spawn(process.execPath, ['--conditions=@varco/source', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const waiters: Array<{ match: (line: string) => boolean; resolve: (line: string) => void }> = []
  const onLine = (line: string) => {
    if (verbose || /"level":(50|60)/.test(line)) process.stdout.write(`${name.padEnd(PAD)}| ${line}\n`)
    for (const waiter of [...waiters]) {
      if (waiter.match(line)) {
        waiters.splice(waiters.indexOf(waiter), 1)
        waiter.resolve(line)
      }
    }
  }
  createInterface({ input: child.stdout }).on('line', onLine)
  createInterface({ input: child.stderr }).on('line', onLine)
  return {
    name,
    child,
    waitFor: (match, timeoutMs = 120_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${name} did not start within ${timeoutMs} ms`)), timeoutMs)
        child.once('exit', (code) => reject(new Error(`${name} exited (${code ?? 'signal'}) while starting`)))
        waiters.push({
          match,
          resolve: (line) => {
            clearTimeout(timer)
            resolve(line)
          },
        })
      }),
  }
}

/** Stops every service (SIGTERM, then SIGKILL after `graceMs`) and waits for them. */
export async function stopAll(services: readonly Service[], graceMs = 10_000): Promise<void> {
  await Promise.all(
    services.map(
      ({ child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve()
          const kill = setTimeout(() => child.kill('SIGKILL'), graceMs)
          child.once('exit', () => {
            clearTimeout(kill)
            resolve()
          })
          child.kill('SIGTERM')
        }),
    ),
  )
}
