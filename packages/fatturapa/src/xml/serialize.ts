import { SaxesParser } from 'saxes'
import { FatturaCharacterError, FatturaInvalidModelError } from '../errors.ts'
import { DSIG_NAMESPACE, FATTURAPA_NAMESPACE } from '../model/annotations.ts'
import { FatturaElettronica } from '../model/fattura.ts'
import { compileContentModel, type ComplexContent } from './content-model.ts'
import { escapeAttribute, escapeText, invalidXmlCharIndex } from './escape.ts'
import type { FatturaIssue } from './issues.ts'
import { validateModel } from './validate.ts'

export interface SerializeOptions {
  /** Validate the model first (default true); an invalid model throws FATTURAPA_ERR_INVALID_MODEL. */
  readonly validate?: boolean
  /** Prefix bound to the FatturaPA namespace on the root element (default "p", as in the official samples). */
  readonly prefix?: string
}

const FATTURA_CONTENT = compileContentModel(FatturaElettronica)

type Model = Readonly<Record<string, unknown>>

function writeValue(value: unknown): string {
  return escapeText(typeof value === 'number' ? String(value) : (value as string))
}

function writeChildren(content: ComplexContent, model: Model): string {
  let xml = ''
  for (const particle of content.particles) {
    const value = model[particle.name]
    if (value === undefined) continue
    const items: readonly unknown[] = particle.repeated ? (value as readonly unknown[]) : [value]
    for (const item of items) {
      switch (particle.content.kind) {
        case 'simple':
          xml += `<${particle.name}>${writeValue(item)}</${particle.name}>`
          break
        case 'complex':
          xml += `<${particle.name}>${writeChildren(particle.content, item as Model)}</${particle.name}>`
          break
        case 'opaque':
          xml += (item as { xml: string }).xml
          break
      }
    }
  }
  return xml
}

/** The opaque ds:Signature text must be one well-formed, self-contained ds:Signature element and nothing else. */
function signatureProblem(xml: string): string | undefined {
  const parser = new SaxesParser({ xmlns: true })
  let problem: string | undefined
  let depth = 0
  parser.on('opentag', (tag) => {
    if (depth++ === 0 && (tag.local !== 'Signature' || tag.uri !== DSIG_NAMESPACE))
      problem = 'not a ds:Signature element'
  })
  parser.on('closetag', () => depth--)
  parser.on('doctype', () => (problem = 'a DOCTYPE is not allowed'))
  parser.on('error', (error) => {
    problem ??= error.message
    throw error
  })
  try {
    parser.write(xml).close()
  } catch {
    problem ??= 'not well-formed'
  }
  return problem
}

function invalid(issues: readonly FatturaIssue[]): Error {
  const summary = issues
    .slice(0, 5)
    .map((issue) => `${issue.path || '(root)'}: ${issue.message.en}`)
    .join('; ')
  return Object.assign(new FatturaInvalidModelError(summary), { issues })
}

/** Finds which value holds the character XML cannot carry (slow path, only after the whole output failed). */
function locateBadCharacter(content: ComplexContent, model: Model, path: string): string | undefined {
  for (const attribute of content.attributes) {
    const value = model[attribute.name]
    if (typeof value === 'string' && invalidXmlCharIndex(value) >= 0) return attribute.name
  }
  for (const particle of content.particles) {
    const value = model[particle.name]
    if (value === undefined) continue
    const items: readonly unknown[] = particle.repeated ? (value as readonly unknown[]) : [value]
    for (let i = 0; i < items.length; i++) {
      const item = items[i]
      const here = `${path === '' ? '' : `${path}.`}${particle.name}${particle.repeated ? `[${i}]` : ''}`
      if (particle.content.kind === 'complex') {
        const found = locateBadCharacter(particle.content, item as Model, here)
        if (found !== undefined) return found
      } else {
        const text = particle.content.kind === 'opaque' ? (item as { xml: string }).xml : String(item)
        if (invalidXmlCharIndex(text) >= 0) return here
      }
    }
  }
  return undefined
}

/**
 * Writes a FatturaPA model as UTF-8 XML text: XML declaration, the root qualified with the FatturaPA namespace (and
 * xmlns:ds declared, as the official samples do), children unqualified in schema order, no indentation. Throws
 * FATTURAPA_ERR_INVALID_MODEL for an invalid model and FATTURAPA_ERR_XML_CHARACTER for a character XML 1.0 forbids.
 */
export function serializeFattura(model: FatturaElettronica, options: SerializeOptions = {}): string {
  if (options.validate ?? true) {
    const issues = validateModel(model, true)
    const signature = model.Signature === undefined ? undefined : signatureProblem(model.Signature.xml)
    if (signature !== undefined) {
      const message = {
        it: `Signature non è un elemento ds:Signature valido (${signature})`,
        en: `Signature is not a valid ds:Signature element (${signature})`,
      }
      issues.push({ code: 'FATTURAPA_ERR_VALUE_FORMAT', path: 'Signature', message })
    }
    if (issues.length > 0) throw invalid(issues)
  }
  const prefix = options.prefix ?? 'p'
  const root = `${prefix}:FatturaElettronica`
  const fields = model as unknown as Model
  let attributes = ''
  for (const attribute of FATTURA_CONTENT.attributes) {
    const value = fields[attribute.name]
    if (typeof value === 'string') attributes += ` ${attribute.name}="${escapeAttribute(value)}"`
  }
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<${root}${attributes} xmlns:ds="${DSIG_NAMESPACE}" xmlns:${prefix}="${FATTURAPA_NAMESPACE}">` +
    `${writeChildren(FATTURA_CONTENT, fields)}</${root}>`
  if (invalidXmlCharIndex(xml) >= 0) {
    throw new FatturaCharacterError(locateBadCharacter(FATTURA_CONTENT, fields, '') ?? '(unknown)')
  }
  return xml
}
