import type { LocalizedText } from '../sdi/sdi-error.ts'

/*
 * The texts of the issues only message files have, in Italian and English like the invoice codec's (xml/messages.ts,
 * whose structure and value texts the message codec reuses).
 */

const text = (it: string, en: string): LocalizedText => ({ it, en })

export const messageText = {
  notSdiMessage: (found: string) =>
    text(
      `L'elemento radice ${found} non è un messaggio SdI (MessaggiTypes v1.1 o MessaggiFatturaTypes v1.0)`,
      `The root element ${found} is not an SdI message (MessaggiTypes v1.1 or MessaggiFatturaTypes v1.0)`,
    ),
  doctype: () =>
    text('Una dichiarazione DOCTYPE non è ammessa in un messaggio SdI', 'A DOCTYPE is not allowed in an SdI message'),
  signatureRequired: (root: string) =>
    text(
      `${root} deve contenere la firma ds:Signature del Sistema di Interscambio`,
      `${root} must carry the SdI's ds:Signature`,
    ),
  unknownRoot: () => text('family e root non indicano un messaggio SdI', 'family and root do not name an SdI message'),
  wrongKind: (kind: string, family: string, root: string) =>
    text(`kind deve essere ${kind} per ${family} ${root}`, `kind must be ${kind} for ${family} ${root}`),
} as const
