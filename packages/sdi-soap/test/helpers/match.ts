import { expect } from 'vitest'

/** vitest's asymmetric string matcher, typed as the string it stands for (its own type is `any`). */
export const matching = (pattern: RegExp | string): string =>
  expect.stringMatching(
    typeof pattern === 'string' ? new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : pattern,
  ) as string
