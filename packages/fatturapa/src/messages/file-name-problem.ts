import { defineError } from '@varco/errors'
import type { LocalizedText, SdiError } from '../sdi/sdi-error.ts'

/*
 * What is wrong with a file name. SdI rejects a badly named invoice file with code 00001 ("Nome file non valido"); the
 * finer reason is ours (`detail`). Message file names follow the same rule for their invoice part, so they report the
 * same way.
 */

/** Our finer-grained reasons under SdI code 00001. */
export const FileNameProblemCode = {
  length: 'FATTURAPA_ERR_FILE_NAME_LENGTH',
  characters: 'FATTURAPA_ERR_FILE_NAME_CHARACTERS',
  extension: 'FATTURAPA_ERR_FILE_NAME_EXTENSION',
  format: 'FATTURAPA_ERR_FILE_NAME_FORMAT',
  country: 'FATTURAPA_ERR_FILE_NAME_COUNTRY',
  transmitterId: 'FATTURAPA_ERR_FILE_NAME_TRANSMITTER_ID',
  progressive: 'FATTURAPA_ERR_FILE_NAME_PROGRESSIVE',
  messageType: 'FATTURAPA_ERR_FILE_NAME_MESSAGE_TYPE',
  messageProgressive: 'FATTURAPA_ERR_FILE_NAME_MESSAGE_PROGRESSIVE',
} as const

export type FileNameProblemCode = (typeof FileNameProblemCode)[keyof typeof FileNameProblemCode]

/** A file name the builders were asked to produce is not valid; `error` says why. */
export const FatturaFileNameError = defineError<[string]>('FATTURAPA_ERR_FILE_NAME', 'Invalid file name: %s', {
  statusCode: 422,
})

/** The SdI 00001 error for a file name, with our reason as `detail`. */
export function fileNameError(detail: FileNameProblemCode, message: LocalizedText): SdiError {
  return { code: '00001', path: '', message, detail }
}

/** The error the builders throw, carrying the SdI error as `error`. */
export function fileNameFailure(error: SdiError): Error {
  return Object.assign(new FatturaFileNameError(error.message.en), { error })
}

const text = (it: string, en: string): LocalizedText => ({ it, en })

/** The texts of the problems, naming the offending part. */
export const fileNameText = {
  length: (length: number) =>
    text(
      `Il nome del file è lungo ${length} caratteri: al massimo 50`,
      `The file name is ${length} characters long: at most 50`,
    ),
  characters: () =>
    text(
      'Il nome del file può contenere solo lettere, cifre, "_" e "."',
      'The file name may contain only letters, digits, "_" and "."',
    ),
  invoiceExtension: () =>
    text(
      "L'estensione del file deve essere .xml, .xml.p7m o .zip (minuscole)",
      'The file extension must be .xml, .xml.p7m or .zip (lower case)',
    ),
  messageExtension: () =>
    text("L'estensione del file di messaggio deve essere .xml", 'The message file extension must be .xml'),
  invoiceFormat: () =>
    text(
      'Il nome del file deve avere la forma <IdPaese><IdCodice>_<progressivo>.<estensione>',
      'The file name must read <IdPaese><IdCodice>_<progressive>.<extension>',
    ),
  messageFormat: () =>
    text(
      'Il nome del file di messaggio deve avere la forma <nome file fattura senza estensione>_<tipo>_<progressivo>.xml',
      'The message file name must read <invoice file name without extension>_<type>_<progressive>.xml',
    ),
  country: (value: string) =>
    text(
      `Il codice paese "${value}" non è valido: servono due lettere maiuscole (ISO 3166-1 alpha-2)`,
      `The country code "${value}" is not valid: two upper-case letters are required (ISO 3166-1 alpha-2)`,
    ),
  transmitterIdIT: (value: string) =>
    text(
      `L'identificativo "${value}" del trasmittente non è un codice fiscale (11 cifre o 16 caratteri maiuscoli)`,
      `The transmitter id "${value}" is not a codice fiscale (11 digits or 16 upper-case characters)`,
    ),
  transmitterId: (value: string) =>
    text(
      `L'identificativo "${value}" del trasmittente deve avere da 2 a 28 lettere o cifre`,
      `The transmitter id "${value}" must have 2 to 28 letters or digits`,
    ),
  progressive: (value: string) =>
    text(
      `Il progressivo "${value}" deve avere da 1 a 5 lettere o cifre`,
      `The progressive "${value}" must have 1 to 5 letters or digits`,
    ),
  messageType: (value: string, allowed: string) =>
    text(
      `Il tipo di messaggio "${value}" non è tra ${allowed}`,
      `The message type "${value}" is not one of ${allowed}`,
    ),
  messageProgressive: (value: string) =>
    text(
      `Il progressivo del messaggio "${value}" deve avere 3 lettere o cifre`,
      `The message progressive "${value}" must have 3 letters or digits`,
    ),
} as const
