import type { SimpleContent } from './content-model.ts'

const NEEDS_COLLAPSE = /[\t\n\r]| {2}|^ | $/
const BLANK_RUN = /[ \t\n\r]+/g
const EDGE_SPACE = /^ | $/g
const INTEGER = /^[+-]?[0-9]+$/

/** True when the text has a character other than the four XML blanks (a loop: it runs between every two tags). */
export function hasNonBlank(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i)
    if (code !== 0x20 && code !== 0x0a && code !== 0x09 && code !== 0x0d) return true
  }
  return false
}

/** XSD whiteSpace="collapse": only the four XML blanks count (JavaScript's trim would also eat U+00A0 and others). */
export function collapseWhiteSpace(value: string): string {
  return NEEDS_COLLAPSE.test(value) ? value.replace(BLANK_RUN, ' ').replace(EDGE_SPACE, '') : value
}

/**
 * The model value of an element's text or an attribute: XSD element default when empty, whiteSpace facet, then
 * integers as numbers. Text that is not an integer stays a string, so the validator reports it with its path.
 */
export function simpleValue(text: string, content: SimpleContent, hadContent = false): string | number {
  if (text === '' && !hadContent && content.defaultValue !== undefined) return content.defaultValue
  const value =
    content.whiteSpace === 'preserve'
      ? text
      : content.whiteSpace === 'collapse'
        ? collapseWhiteSpace(text)
        : text.replace(BLANK_RUN, '')
  if (!content.integer || !INTEGER.test(value)) return value
  // "+0", "-0" and "007" are valid xs:integer spellings; adding 0 turns -0 into 0.
  return Number(value) + 0
}
