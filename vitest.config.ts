import { defineConfig } from 'vitest/config'

// Workspace packages resolve to their TypeScript sources (the "@varco/source" export condition): no build step.
const resolve = { conditions: ['@varco/source', 'module', 'node', 'development|production'] }
const exclude = ['**/node_modules/**', '**/dist/**', '.tools/**']

export default defineConfig({
  resolve,
  ssr: { resolve: { conditions: resolve.conditions, externalConditions: ['@varco/source'] } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/test/**/*.unit.test.ts', 'services/*/test/**/*.unit.test.ts'],
          exclude,
        },
      },
      {
        extends: true,
        test: {
          name: 'int',
          include: [
            'packages/*/test/**/*.int.test.ts',
            'services/*/test/**/*.int.test.ts',
            'tests/integration/**/*.int.test.ts',
          ],
          exclude,
          globalSetup: ['packages/testing/src/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          exclude,
          globalSetup: ['packages/testing/src/global-setup.ts'],
          testTimeout: 600_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
})
