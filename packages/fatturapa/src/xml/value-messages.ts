import type { TLocalizedValidationError } from 'typebox/error'
import type { LocalizedText } from '../sdi/sdi-error.ts'
import { blockOfPattern, describeCharacter, firstCharacterAbove } from './characters.ts'
import { FatturaIssueCode } from './issues.ts'
import { formatProblem, patternRequirement } from './value-formats.ts'

/*
 * Issue code and bilingual message for a value the compiled validator refused: the element, the value (shortened) and
 * what the XSD asks for, e.g. "Il valore '22' di AliquotaIVA non rispetta il formato: servono due decimali (es. 22.00)".
 */

export interface ValueProblem {
  readonly code: FatturaIssueCode
  readonly message: LocalizedText
}

const SHOWN = 40

/** A value as quoted in a message: strings shortened to SHOWN characters. */
function shown(value: unknown): string {
  if (typeof value !== 'string') return String(value)
  if (value.length <= SHOWN) return `'${value}'`
  // At most two UTF-16 units per character: enough to cut SHOWN characters without splitting the whole string.
  const chars = Array.from(value.slice(0, SHOWN * 2 + 1))
  return chars.length > SHOWN ? `'${chars.slice(0, SHOWN).join('')}…'` : `'${value}'`
}

/** The element (or attribute) a path ends with: `...DettaglioLinee[3].AliquotaIVA` → AliquotaIVA. */
export function elementOf(path: string): string {
  const last = path.slice(path.lastIndexOf('.') + 1)
  const bracket = last.indexOf('[')
  return (bracket < 0 ? last : last.slice(0, bracket)) || 'FatturaElettronica'
}

/** The value a JSON pointer designates (only after a failed check, to quote it in a message). */
export function valueAt(root: unknown, pointer: string): unknown {
  let value = root
  for (const segment of pointer.split('/')) {
    if (segment === '') continue
    if (typeof value !== 'object' || value === null) return undefined
    value = (value as Record<string, unknown>)[segment.replaceAll('~1', '/').replaceAll('~0', '~')]
  }
  return value
}

function lengthOf(value: unknown): number {
  return typeof value === 'string' ? Array.from(value).length : 0
}

const TYPE_NAMES: Readonly<Record<string, readonly [string, string]>> = {
  string: ['un testo', 'a string'],
  integer: ['un numero intero', 'an integer'],
  number: ['un numero', 'a number'],
  object: ['un blocco di elementi (oggetto)', 'a block of elements (object)'],
  array: ['un elenco (array)', 'a list (array)'],
}

function typeMessage(name: string, value: unknown, expected: string): LocalizedText {
  if (expected === 'integer' && typeof value === 'string') {
    return {
      it: `Il valore ${shown(value)} di ${name} non è un numero intero`,
      en: `The value ${shown(value)} of ${name} is not an integer`,
    }
  }
  const [it, en] = TYPE_NAMES[expected] ?? [expected, expected]
  if (expected === 'string' && typeof value === 'number') {
    // Decimals are text in FatturaPA: 22 and 22.00 are different values for the schema.
    return {
      it: `${name} deve essere ${it}, non il numero ${value}: in FatturaPA anche importi e codici sono testo`,
      en: `${name} must be ${en}, not the number ${value}: in FatturaPA amounts and codes are text too`,
    }
  }
  return { it: `${name} deve essere ${it}`, en: `${name} must be ${en}` }
}

function lengthMessage(name: string, value: unknown, keyword: 'minLength' | 'maxLength', limit: number): LocalizedText {
  const length = lengthOf(value)
  if (length === 0) {
    return {
      it: `${name} è vuoto: serve almeno ${limit === 1 ? '1 carattere' : `${limit} caratteri`}`,
      en: `${name} is empty: at least ${limit === 1 ? '1 character is' : `${limit} characters are`} required`,
    }
  }
  const head = {
    it: `Il valore ${shown(value)} di ${name} è lungo ${length}`,
    en: `The value ${shown(value)} of ${name}`,
  }
  return keyword === 'maxLength'
    ? {
        it: `${head.it} caratteri: al massimo ${limit}`,
        en: `${head.en} is ${length} characters long: at most ${limit} are allowed`,
      }
    : {
        it: `${head.it} caratteri: ne servono almeno ${limit}`,
        en: `${head.en} is ${length} characters long: at least ${limit} are required`,
      }
}

function patternProblem(name: string, value: unknown, pattern: string): ValueProblem {
  const block = blockOfPattern(pattern)
  const outside = block !== undefined && typeof value === 'string' ? firstCharacterAbove(value, block) : undefined
  if (block !== undefined && outside !== undefined) {
    const which = describeCharacter(outside.char)
    const allowed =
      block === 0x7f
        ? { it: 'solo caratteri ASCII (U+0000-U+007F)', en: 'only ASCII characters (U+0000-U+007F)' }
        : { it: 'solo caratteri Latin-1 (ISO-8859-1)', en: 'only Latin-1 (ISO-8859-1) characters' }
    return {
      code: FatturaIssueCode.valueCharacter,
      message: {
        it: `Carattere ${which} non ammesso in ${name} (posizione ${outside.position}): si accettano ${allowed.it}`,
        en: `Character ${which} is not allowed in ${name} (position ${outside.position}): ${allowed.en} are accepted`,
      },
    }
  }
  const requirement = patternRequirement(pattern)
  return {
    code: FatturaIssueCode.valuePattern,
    message: {
      it: `Il valore ${shown(value)} di ${name} non rispetta il formato: ${requirement.it}`,
      en: `The value ${shown(value)} of ${name} does not match the format: ${requirement.en}`,
    },
  }
}

function rangeMessage(name: string, value: unknown, keyword: 'minimum' | 'maximum', limit: unknown): LocalizedText {
  const bound = keyword === 'minimum' ? { it: 'il minimo', en: 'the minimum' } : { it: 'il massimo', en: 'the maximum' }
  return {
    it: `Il valore ${shown(value)} di ${name} è fuori intervallo: ${bound.it} è ${String(limit)}`,
    en: `The value ${shown(value)} of ${name} is out of range: ${bound.en} is ${String(limit)}`,
  }
}

function enumMessage(name: string, value: unknown, allowed: readonly unknown[]): LocalizedText {
  const list = allowed.map(String).join(', ')
  return {
    it: `Il valore ${shown(value)} di ${name} non è tra i codici ammessi: ${list}`,
    en: `The value ${shown(value)} of ${name} is not one of the allowed codes: ${list}`,
  }
}

/** Code and message of a value error (type, enumeration, length, pattern, format, range); undefined for others. */
export function valueProblem(error: TLocalizedValidationError, value: unknown, path: string): ValueProblem | undefined {
  const name = elementOf(path)
  switch (error.keyword) {
    case 'type':
      return { code: FatturaIssueCode.valueType, message: typeMessage(name, value, String(error.params.type)) }
    case 'enum':
      return { code: FatturaIssueCode.valueEnum, message: enumMessage(name, value, error.params.allowedValues) }
    case 'const':
      return { code: FatturaIssueCode.valueEnum, message: enumMessage(name, value, [error.params.allowedValue]) }
    case 'minLength':
    case 'maxLength':
      return {
        code: FatturaIssueCode.valueLength,
        message: lengthMessage(name, value, error.keyword, error.params.limit),
      }
    case 'pattern': {
      const { pattern } = error.params
      return patternProblem(name, value, typeof pattern === 'string' ? pattern : pattern.source)
    }
    case 'format': {
      const problem = formatProblem(error.params.format)
      return {
        code: FatturaIssueCode.valueFormat,
        message: {
          it: `Il valore ${shown(value)} di ${name} ${problem.it}`,
          en: `The value ${shown(value)} of ${name} ${problem.en}`,
        },
      }
    }
    case 'minimum':
    case 'maximum':
      return {
        code: FatturaIssueCode.valueRange,
        message: rangeMessage(name, value, error.keyword, error.params.limit),
      }
    default:
      return undefined
  }
}
