import { describe, expect, it } from 'vitest'
import { CONTENT_RULES, checkContent } from '../../src/checks/index.ts'
import { comparePaths } from '../../src/checks/paths.ts'
import { CONTEXT, anInvoice } from './builder.ts'
import type { Expected, RuleCase } from './case.ts'
import { documentCases } from './document.cases.ts'
import { headerCases } from './header.cases.ts'
import { tipoCases } from './tipo.cases.ts'
import { vatCases } from './vat.cases.ts'

const CASES: readonly RuleCase[] = [...headerCases, ...vatCases, ...documentCases, ...tipoCases]

function byPathThenCode(a: Expected, b: Expected): number {
  return comparePaths(a.path, b.path) || a.code.localeCompare(b.code)
}

function expectedOf(c: RuleCase): Expected[] {
  return [...c.fails.map((path) => ({ code: c.code, path })), ...(c.also ?? [])].sort(byPathThenCode)
}

describe('the base invoice', () => {
  it('passes every content check', () => {
    expect(checkContent(anInvoice(), CONTEXT)).toEqual([])
  })
})

describe.each(CONTENT_RULES.map((rule) => rule.code))('%s', (code) => {
  const cases = CASES.filter((c) => c.code === code)

  it('has a failing and a passing case', () => {
    expect(cases.some((c) => c.fails.length > 0)).toBe(true)
    expect(cases.some((c) => c.fails.length === 0)).toBe(true)
  })

  it.each(cases.map((c) => [c.fails.length > 0 ? 'fails' : 'passes', c.name, c] as const))('%s: %s', (_, __, c) => {
    const f = anInvoice()
    c.edit(f)
    const errors = checkContent(f, CONTEXT)
    expect(errors.map(({ code: found, path }) => ({ code: found, path }))).toEqual(expectedOf(c))
    for (const error of errors) {
      expect(error.message.it.length).toBeGreaterThan(10)
      expect(error.message.en.length).toBeGreaterThan(10)
      expect(error.message.it).not.toBe(error.message.en)
    }
  })
})

describe('the cases', () => {
  it('only name codes that have a rule', () => {
    const codes = new Set(CONTENT_RULES.map((rule) => rule.code))
    expect(CASES.filter((c) => !codes.has(c.code)).map((c) => c.code)).toEqual([])
  })
})
