import { SignatureIdentityInvalid, SignatureTokenError } from '../errors.ts'
import { pkcs11js } from './pkcs11-module.ts'

export type Pkcs11 = InstanceType<typeof pkcs11js.PKCS11>
type Handle = Buffer

/** An open, logged-in session and the private key found in it. */
export interface TokenSession {
  readonly label: string
  readonly session: Handle
  key: Handle
  keyId: Buffer
  keyType: number
  certificateValue(keyId: Buffer): Buffer | undefined
  close(): void
}

interface TokenSelector {
  readonly tokenLabel?: string
  readonly slot?: number
  readonly pin: string
  readonly keyLabel?: string
  readonly keyId?: string
}

function slotId(handle: Handle): bigint {
  return handle.length >= 8 ? handle.readBigUInt64LE(0) : BigInt(handle.readUInt32LE(0))
}

function findSlot(pkcs11: Pkcs11, selector: TokenSelector): { slot: Handle; label: string } {
  if ((selector.tokenLabel === undefined) === (selector.slot === undefined))
    throw new SignatureTokenError('give either tokenLabel or slot')
  for (const slot of pkcs11.C_GetSlotList(true)) {
    const label = pkcs11.C_GetTokenInfo(slot).label.trim()
    if (selector.tokenLabel === label || (selector.slot !== undefined && slotId(slot) === BigInt(selector.slot)))
      return { slot, label }
  }
  throw new SignatureTokenError(
    `no token ${selector.tokenLabel === undefined ? `in slot ${selector.slot}` : `labelled '${selector.tokenLabel}'`}`,
  )
}

function findObjects(
  pkcs11: Pkcs11,
  session: Handle,
  template: { type: number; value: number | string | Buffer }[],
): Handle[] {
  pkcs11.C_FindObjectsInit(session, template)
  try {
    return pkcs11.C_FindObjects(session, 2)
  } finally {
    pkcs11.C_FindObjectsFinal(session)
  }
}

/** Opens a serial session on the selected token and logs the user in (the PIN is used here and not kept). */
export function openSession(pkcs11: Pkcs11, selector: TokenSelector): TokenSession {
  const { slot, label } = findSlot(pkcs11, selector)
  const session = pkcs11.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION)
  try {
    pkcs11.C_Login(session, pkcs11js.CKU_USER, selector.pin)
  } catch (err) {
    // Another session of this process on the same token already logged in: the login state is per application.
    if ((err as { code?: number }).code !== pkcs11js.CKR_USER_ALREADY_LOGGED_IN) {
      pkcs11.C_CloseSession(session)
      throw new SignatureTokenError(`login to token '${label}' failed (${(err as Error).message})`)
    }
  }
  const certificateValue = (keyId: Buffer): Buffer | undefined => {
    const [certificate] = findObjects(pkcs11, session, [
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
      { type: pkcs11js.CKA_ID, value: keyId },
    ])
    return certificate === undefined
      ? undefined
      : pkcs11.C_GetAttributeValue(session, certificate, [{ type: pkcs11js.CKA_VALUE }])[0]?.value
  }
  const close = (): void => pkcs11.C_CloseSession(session)
  return { label, session, key: Buffer.alloc(0), keyId: Buffer.alloc(0), keyType: -1, certificateValue, close }
}

/** Finds the one private key matching CKA_LABEL and/or CKA_ID and records its id and type on the session. */
export function findKey(pkcs11: Pkcs11, token: TokenSession, selector: TokenSelector): void {
  const template: { type: number; value: number | string | Buffer }[] = [
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
  ]
  if (selector.keyLabel !== undefined) template.push({ type: pkcs11js.CKA_LABEL, value: selector.keyLabel })
  if (selector.keyId !== undefined) template.push({ type: pkcs11js.CKA_ID, value: Buffer.from(selector.keyId, 'hex') })
  if (template.length === 1) throw new SignatureIdentityInvalid('give keyLabel or keyId to select the token key')
  const keys = findObjects(pkcs11, token.session, template)
  const [key] = keys
  if (key === undefined || keys.length > 1)
    throw new SignatureIdentityInvalid(
      `${keys.length === 0 ? 'no' : 'more than one'} private key matches on token '${token.label}'`,
    )
  const [id, type] = pkcs11.C_GetAttributeValue(token.session, key, [
    { type: pkcs11js.CKA_ID },
    { type: pkcs11js.CKA_KEY_TYPE },
  ])
  token.key = key
  token.keyId = id?.value ?? Buffer.alloc(0)
  token.keyType = type?.value?.readUIntLE(0, Math.min(6, type.value.length)) ?? -1
  if (token.keyType !== pkcs11js.CKK_RSA && token.keyType !== pkcs11js.CKK_EC)
    throw new SignatureIdentityInvalid('the token key is neither RSA nor EC')
}
