#!/usr/bin/env node
// The `varco` command. A published package (no src/) runs its build (dist/); inside the workspace it runs the
// TypeScript sources, even when a dist/ was built for packing, since the packages it imports may not be built: it
// runs itself again with the export condition that resolves them (Node strips the types).
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

const source = new URL('../src/main.ts', import.meta.url)
const fromSource = process.execArgv.includes('--conditions=@varco/source')

if (!existsSync(fileURLToPath(source))) {
  const { main } = await import(new URL('../dist/main.js', import.meta.url).href)
  process.exitCode = await main(process.argv.slice(2))
} else if (fromSource) {
  const { main } = await import(source.href)
  process.exitCode = await main(process.argv.slice(2))
} else {
  const self = fileURLToPath(import.meta.url)
  const child = spawnSync(process.execPath, ['--conditions=@varco/source', self, ...process.argv.slice(2)], {
    stdio: 'inherit',
  })
  process.exitCode = child.status ?? 1
}
