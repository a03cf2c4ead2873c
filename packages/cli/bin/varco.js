#!/usr/bin/env node
// The `varco` command. A published package runs its build (dist/); inside the workspace, where the packages are
// TypeScript sources, it runs itself again with the export condition that resolves them (Node strips the types).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const [major, minor] = process.versions.node.split('.').map(Number)
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `varco needs Node 22.18 or later (this is ${process.version}); in the Varco checkout run: . deploy/env.sh\n`,
  )
  process.exit(2)
}

const built = new URL('../dist/main.js', import.meta.url)
const fromSource = process.execArgv.includes('--conditions=@varco/source')

if (existsSync(fileURLToPath(built))) {
  const { main } = await import(built.href)
  process.exitCode = await main(process.argv.slice(2))
} else if (fromSource) {
  const { main } = await import(new URL('../src/main.ts', import.meta.url).href)
  process.exitCode = await main(process.argv.slice(2))
} else {
  const self = fileURLToPath(import.meta.url)
  const child = spawnSync(process.execPath, ['--conditions=@varco/source', self, ...process.argv.slice(2)], {
    stdio: 'inherit',
  })
  process.exitCode = child.status ?? 1
}
