import type { TlsIdentity } from '../src/index.ts'
import { startBenchServers, type BenchServers } from './servers.ts'

/*
 * The benchmark's servers in their own process (forked by ricevi-file.bench.ts over IPC), so that the server side has
 * its own event loop and its CPU time is counted apart from the client's. It exits when its parent goes away.
 */

export type ToServer =
  | { readonly type: 'start'; readonly id: number; readonly identity: TlsIdentity }
  | { readonly type: 'cpu'; readonly id: number }
  | { readonly type: 'reply'; readonly id: number; readonly base64: string }

export type FromServer =
  | { readonly type: 'started'; readonly id: number; readonly soapUrl: string; readonly bareUrl: string }
  | { readonly type: 'cpu'; readonly id: number; readonly micros: number }
  | { readonly type: 'reply'; readonly id: number }
  | { readonly type: 'error'; readonly id: number; readonly message: string }

const send = (message: FromServer): void => void process.send?.(message)

async function handle(message: ToServer, servers: BenchServers | undefined): Promise<BenchServers | undefined> {
  switch (message.type) {
    case 'start': {
      const started = await startBenchServers(message.identity)
      send({ type: 'started', id: message.id, soapUrl: started.soapUrl, bareUrl: started.bareUrl })
      return started
    }
    case 'cpu': {
      const { user, system } = process.cpuUsage()
      send({ type: 'cpu', id: message.id, micros: user + system })
      return servers
    }
    case 'reply':
      servers?.setBareReply(Buffer.from(message.base64, 'base64'))
      send({ type: 'reply', id: message.id })
      return servers
  }
}

if (process.send === undefined) throw new Error('server-process.ts is forked by ricevi-file.bench.ts (it needs IPC)')
let current: BenchServers | undefined
process.on('message', (message: ToServer) => {
  handle(message, current).then(
    (servers) => (current = servers),
    (err: unknown) =>
      send({ type: 'error', id: message.id, message: err instanceof Error ? err.message : String(err) }),
  )
})
process.on('disconnect', () => process.exit(0))
