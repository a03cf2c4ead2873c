import type { LocalizedText } from '../sdi/sdi-error.ts'

/*
 * saxes reports well-formedness errors in English ("1:2: unclosed tag: Numero"). The Italian text translates the ones
 * a real file can trigger; anything else keeps saxes' English detail after an Italian lead-in.
 */

const SAXES_POSITION = /^(?:[^:]*:)?\d+:\d+: /

const TRANSLATIONS: readonly (readonly [RegExp, (match: RegExpExecArray) => string])[] = [
  [/^unclosed tag: (.*)$/, (m) => `il tag ${m[1] ?? ''} non è chiuso`],
  [/^unmatched closing tag: (.*)\.$/, (m) => `tag di chiusura ${m[1] ?? ''} senza il tag di apertura corrispondente`],
  [/^unbound namespace prefix: (.*)\.$/, (m) => `prefisso di namespace ${m[1] ?? ''} non dichiarato`],
  [/^duplicate attribute: (.*)\.$/, (m) => `attributo duplicato: ${m[1] ?? ''}`],
  [/^malformed name: (.*)\.$/, (m) => `nome non valido: ${m[1] ?? ''}`],
  [/^disallowed character\.$/, () => 'carattere non ammesso in XML'],
  [
    /^disallowed character in (tag|closing tag|attribute|attribute name|entity name)/,
    (m) => `carattere non ammesso ${placeIt(m[1])}`,
  ],
  [/^text data outside of root node\.$/, () => "testo fuori dall'elemento radice"],
  [/^document must contain a root element\.$/, () => 'il documento non contiene un elemento radice'],
  [/^documents may contain only one root\.$/, () => 'il documento può contenere un solo elemento radice'],
  [/^unexpected end\.$/, () => 'il documento finisce prima del previsto'],
  [
    /^undefined entity\.$/,
    () => 'entità non definita (sono ammesse solo &amp; &lt; &gt; &quot; &apos; e i riferimenti a caratteri)',
  ],
  [/^malformed character entity\.$/, () => 'riferimento a carattere non valido'],
  [/^malformed comment\.$/, () => 'commento non valido'],
  [/^(?:unquoted attribute value|value must be quoted)\.$/, () => "il valore dell'attributo deve stare tra virgolette"],
  [/^attribute without value\.$/, () => 'attributo senza valore'],
  [/^no whitespace between attributes\.$/, () => 'manca lo spazio tra due attributi'],
  [
    /^(?:the|an) XML declaration must (?:appear|be) at the start of the document\.$/,
    () => "la dichiarazione XML deve stare all'inizio del documento",
  ],
  [/^XML declaration is incomplete\.$/, () => 'dichiarazione XML incompleta'],
  [/^unexpected close tag\.$/, () => "tag di chiusura che non corrisponde all'elemento aperto"],
  [/^forward-slash in opening tag not followed by >\.$/, () => "'/' nel tag di apertura non seguito da '>'"],
]

function placeIt(place: string | undefined): string {
  switch (place) {
    case 'tag':
      return 'nel nome di un tag'
    case 'closing tag':
      return 'in un tag di chiusura'
    case 'entity name':
      return "nel nome di un'entità"
    default:
      return 'nel nome di un attributo'
  }
}

/** The message of FATTURAPA_ERR_XML_MALFORMED for a saxes error message. */
export function malformedMessage(saxesMessage: string): LocalizedText {
  const detail = saxesMessage.replace(SAXES_POSITION, '')
  for (const [pattern, translate] of TRANSLATIONS) {
    const match = pattern.exec(detail)
    if (match !== null) return { it: `XML non ben formato: ${translate(match)}`, en: `Malformed XML: ${detail}` }
  }
  return { it: `XML non ben formato (${detail})`, en: `Malformed XML: ${detail}` }
}
