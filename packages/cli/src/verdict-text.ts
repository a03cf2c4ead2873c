import { sdiErrorCatalog } from '@varco/fatturapa'
import type { Verdict } from '@varco/signature'
import { FORMAT_LABEL } from './formats.ts'

const REVOCATION: Record<Verdict['revocation'], string> = {
  'not-checked': 'not checked (OCSP and CRL need the network, which varco never uses)',
  good: 'good',
  revoked: 'revoked',
  unknown: 'unknown',
}

const NO_TRUST = 'no --trust given: no CA is trusted, so no signature can be valid (00104)'

function row(label: string, value: string): string {
  return `  ${label.padEnd(13)} ${value}\n`
}

function signerRows(verdict: Verdict): string {
  const { signer, signingTime } = verdict
  if (signer === undefined) return ''
  const decimal = BigInt(`0x${signer.serial}`).toString(10)
  return [
    row('signer', signer.subject),
    row('issuer', signer.issuer),
    row('serial', `${signer.serial} (hex), ${decimal}`),
    row('validity', `${signer.notBefore.toISOString()} to ${signer.notAfter.toISOString()}`),
    signingTime === undefined ? row('signing time', 'none') : row('signing time', signingTime.toISOString()),
  ].join('')
}

/** The verdict for a person: the outcome and SdI code first, then the signer, then every problem. */
export function verdictText(file: string, verdict: Verdict, trustAnchors: number): string {
  const format = verdict.format === undefined ? 'unrecognised format' : FORMAT_LABEL[verdict.format]
  const head =
    verdict.code === undefined
      ? `valid    ${file} (${format})\n`
      : `INVALID  ${file} (${format}): ${verdict.code} ${sdiErrorCatalog[verdict.code].en}\n`
  const problems = verdict.problems.map((problem) => `    ${problem.code} ${problem.message}\n`).join('')
  return [
    head,
    signerRows(verdict),
    row('revocation', REVOCATION[verdict.revocation]),
    problems === '' ? '' : `  problems\n${problems}`,
    trustAnchors === 0 ? row('note', NO_TRUST) : '',
  ].join('')
}

/** The verdict for a program: the package's Verdict without the content, plus the file and the trust used. */
export function verdictJson(file: string, verdict: Verdict, trustAnchors: number): string {
  const { valid, code, message, problems, intact, format, signer, signingTime, revocation } = verdict
  const json = { file, valid, code, message, problems, intact, format, signer, signingTime, revocation, trustAnchors }
  return `${JSON.stringify(json, null, 2)}\n`
}
