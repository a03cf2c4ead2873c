/*
 * The message family of a rejected file follows its flow: FPA12 files get MessaggiTypes, FPR12 MessaggiFatturaTypes.
 * A file rejected before its format was read (a bad name, a broken signature) is sniffed for its root's versione;
 * in a .p7m the XML is inside the DER as it is. Unknown: FPR12, the flow of nearly every file.
 */
const VERSIONE = /versione\s*=\s*["'](FPA12|FPR12)["']/

export function sniffFormato(bytes: Buffer): 'FPA12' | 'FPR12' {
  return VERSIONE.exec(bytes.toString('latin1'))?.[1] === 'FPA12' ? 'FPA12' : 'FPR12'
}
