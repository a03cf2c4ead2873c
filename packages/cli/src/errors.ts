import { defineError } from '@varco/errors'

// The CLI's own coded errors. A usage error exits 2, every other one 1 (see report.ts). Messages name files and
// options, never a password or passphrase.

/** The command line is wrong: a missing argument, clashing options, a password where only its variable may go. */
export const CliUsageError = defineError<[string]>('CLI_ERR_USAGE', '%s')

/** A file named on the command line cannot be read. */
export const CliReadError = defineError<[string, string]>('CLI_ERR_READ', 'cannot read %s: %s')

/** An output file cannot be written. */
export const CliWriteError = defineError<[string, string]>('CLI_ERR_WRITE', 'cannot write %s: %s')

/** A --trust file holds no usable certificate. */
export const CliTrustError = defineError<[string, string]>('CLI_ERR_TRUST', '--trust %s: %s')

/** A file that should be a .p7m is not one this CLI can open (neither DER nor base64 CMS, or a detached one). */
export const CliP7mError = defineError<[string, string]>('CLI_ERR_P7M', '%s is not a readable .p7m: %s')
