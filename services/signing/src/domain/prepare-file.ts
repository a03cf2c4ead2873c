import type { DocumentRef, InvoiceSignedData, InvoiceValidated } from '@varco/contracts'
import { errorCode, errorMessage } from '@varco/errors'
import { decodeP7m, signFile, type Signer } from '@varco/signature'
import { SigningContentUnsignable, SigningNoIdentity, SigningSignerFailed, SigningTokenUnavailable } from '../errors.ts'
import { assertValidAt } from './certificate-validity.ts'
import { signingFailureOf, type SigningFailure } from './failure.ts'
import { identityName, pickIdentity, transmitterKey, type IdentityRecord } from './identities.ts'
import { decideSigning, type SignatureFormat, type SigningPolicy } from './policy.ts'

/** Loaded signers by identity (the identity cache): `use` keeps the signer open while `fn` runs. */
export interface SignerPool {
  use<T>(identity: IdentityRecord, fn: (signer: Signer) => Promise<T>): Promise<T>
  evict(identity: IdentityRecord): void
}

export interface PrepareDeps {
  readonly readDocument: (sha256: string) => Promise<Buffer>
  /** The identities that may sign for the transmitter: its own and the tenant's default. */
  readonly identityCandidates: (tenantId: string, transmitter: string) => Promise<readonly IdentityRecord[]>
  readonly signers: SignerPool
  readonly now: () => Date
}

/** The file to transmit, before it is named: one that exists already, one signed here, or why there is none. */
export type PreparedFile =
  | {
      readonly kind: 'existing'
      readonly ref: DocumentRef
      readonly format: SignatureFormat | 'none'
      readonly signedBy?: 'vendor'
    }
  /** A vendor's .p7m that came base64 (as some tools write them): the same signature, as the DER SdI expects. */
  | {
      readonly kind: 'reencoded'
      readonly bytes: Buffer
      readonly mediaType: string
      readonly format: 'cades'
      readonly signedBy: 'vendor'
    }
  | {
      readonly kind: 'signed'
      readonly bytes: Buffer
      readonly mediaType: string
      readonly format: SignatureFormat
      readonly identity: IdentityRecord
      readonly signer: NonNullable<InvoiceSignedData['signer']>
      readonly signingTime: Date
    }
  | { readonly kind: 'failed'; readonly failure: SigningFailure; readonly identity?: IdentityRecord }

const MEDIA_TYPES: Readonly<Record<SignatureFormat, string>> = {
  cades: 'application/pkcs7-mime',
  xades: 'application/xml',
}

// PKCS#11 answers to C_Sign that mean the token went away or broke its session: worth retrying on a new session.
const TOKEN_GONE = /CKR_(DEVICE_|TOKEN_NOT|SESSION_|GENERAL_ERROR|FUNCTION_FAILED|CRYPTOKI_NOT_INITIALIZED)/

function signError(identity: IdentityRecord, err: unknown): unknown {
  switch (errorCode(err)) {
    case 'SIG_ERR_INPUT':
      return new SigningContentUnsignable(errorMessage(err), { cause: err })
    case 'SIG_ERR_SIGN': {
      const reason = errorMessage((err as { cause?: unknown }).cause ?? err)
      return identity.spec.kind === 'pkcs11' && TOKEN_GONE.test(reason)
        ? new SigningTokenUnavailable(identityName(identity), reason, { cause: err })
        : new SigningSignerFailed(identityName(identity), errorMessage(err), { cause: err })
    }
    default:
      return err
  }
}

async function signWith(
  identity: IdentityRecord,
  format: SignatureFormat,
  event: InvoiceValidated,
  deps: PrepareDeps,
): Promise<PreparedFile> {
  const content = await deps.readDocument(event.data.content.sha256)
  const signingTime = deps.now()
  return deps.signers.use(identity, async (signer) => {
    assertValidAt(signer.certificate, signingTime)
    let bytes: Buffer
    try {
      bytes = await signFile(content, { format, signer, signingTime })
    } catch (err) {
      throw signError(identity, err)
    }
    const { subject, issuer, serialHex, notBefore, notAfter } = signer.certificate
    return {
      kind: 'signed',
      bytes,
      mediaType: MEDIA_TYPES[format],
      format,
      identity,
      signer: {
        subject,
        issuer,
        serial: serialHex,
        notBefore: notBefore.toISOString(),
        notAfter: notAfter.toISOString(),
      },
      signingTime,
    }
  })
}

/**
 * Applies the tenant's policy to a validated file: signs it with the transmitter's identity (else the tenant's),
 * keeps a vendor's signature, or leaves it unsigned. A failure that needs an operator is returned, to be reported;
 * anything else (a token that is away, the database) is thrown, to be retried.
 */
export async function prepareFile(
  event: InvoiceValidated,
  policy: SigningPolicy,
  deps: PrepareDeps,
): Promise<PreparedFile> {
  const { data } = event
  const decision = decideSigning({ formato: data.formato, signedBy: data.signedBy, policy })
  switch (decision.action) {
    case 'none':
      return { kind: 'existing', ref: data.content, format: 'none' }
    case 'keep': {
      if (decision.format === 'cades') {
        const decoded = decodeP7m(await deps.readDocument(data.document.sha256))
        if (decoded !== undefined && decoded.encoding !== 'der') {
          const reencoded = {
            bytes: decoded.der,
            mediaType: MEDIA_TYPES.cades,
            format: 'cades',
            signedBy: 'vendor',
          } as const
          return { kind: 'reencoded', ...reencoded }
        }
      }
      return { kind: 'existing', ref: data.document, format: decision.format, signedBy: 'vendor' }
    }
    case 'sign':
      break
  }
  const transmitter = transmitterKey(data.transmitter)
  const identity = pickIdentity(await deps.identityCandidates(event.tenantId, transmitter), transmitter)
  if (identity === undefined) {
    const { message } = new SigningNoIdentity(event.tenantId, transmitter)
    return { kind: 'failed', failure: { cause: 'no_identity', message, retriable: false } }
  }
  try {
    return await signWith(identity, decision.format, event, deps)
  } catch (err) {
    // A token that failed mid-session gets a fresh session on the retry.
    if (errorCode(err) === SigningTokenUnavailable.code) deps.signers.evict(identity)
    const failure = signingFailureOf(err)
    if (failure === undefined) throw err
    return { kind: 'failed', failure, identity }
  }
}
