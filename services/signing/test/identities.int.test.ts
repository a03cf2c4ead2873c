import { randomBytes, randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest'
import { invoiceSigned, type InvoiceSigned } from '@varco/contracts'
import { createPool, migrateSchema } from '@varco/db'
import {
  createDocumentStore,
  documentsMigrationsDir,
  documentsSchema,
  parseKeyring,
  type DocumentStore,
} from '@varco/documents'
import { classifyError } from '@varco/errors'
import { createLogger } from '@varco/observability'
import { signFile } from '@varco/signature'
import { type TestDatabase, createTestDatabase, opensslVerify } from '@varco/testing'
import { signingAdmin, type IdentitySpec, type SigningAdmin } from '../src/admin.ts'
import { createIdentityCache, type IdentityCache } from '../src/adapters/identities/identity-cache.ts'
import { loadIdentity, type LoadedSigner } from '../src/adapters/identities/load-identity.ts'
import { secretsDirectory } from '../src/adapters/identities/secrets.ts'
import { SIGNING_SCHEMA, signingMigrationsDir } from '../src/adapters/pg/schema.ts'
import { onInvoiceValidated } from '../src/consumers/invoice-validated.ts'
import type { IdentityRecord } from '../src/domain/identities.ts'
import { aTransmitterId, aValidatedInvoice, sampleInvoice } from './helpers/invoices.ts'
import { createTestPki, type Issued, type TestPki } from './helpers/pki.ts'
import { createSoftHsm, SOFTHSM_MODULE, type SoftHsm } from './helpers/softhsm.ts'

const logger = createLogger({ name: 'test', level: 'silent' })
const PIN = '246810'

let pki: TestPki
let hsm: SoftHsm
let signer: Issued
let db: TestDatabase
let pool: pg.Pool
let documents: DocumentStore
let admin: SigningAdmin

beforeAll(async () => {
  pki = createTestPki()
  hsm = createSoftHsm()
  signer = pki.issue('Token Signer')
  pki.secret('pin', PIN)
  db = await createTestDatabase(inject('databaseUrl'))
  await migrateSchema({
    databaseUrl: db.url,
    schema: documentsSchema,
    dir: documentsMigrationsDir,
    logger,
    withOutbox: false,
  })
  await migrateSchema({ databaseUrl: db.url, schema: SIGNING_SCHEMA, dir: signingMigrationsDir, logger })
  pool = createPool({ connectionString: db.url, logger })
  documents = createDocumentStore({ pool, keyring: parseKeyring(`k1:${randomBytes(32).toString('base64')}`, 'k1') })
  admin = signingAdmin(pool)
})

afterAll(async () => {
  await pool?.end()
  await db?.drop()
  hsm?.cleanup()
  pki?.cleanup()
})

const options = () => ({ secrets: secretsDirectory(pki.secretsDir), defaultPkcs11Module: SOFTHSM_MODULE })
const tokenIdentity = (tokenLabel: string, extra: Partial<IdentitySpec> = {}): IdentitySpec =>
  ({
    kind: 'pkcs11',
    tokenLabel,
    keyLabel: 'signing',
    pinSecret: 'pin',
    certificateFile: signer.certFile,
    ...extra,
  }) as IdentitySpec

/** An identity stored through the admin seam, as the service reads it. */
async function stored(spec: IdentitySpec, transmitter: string | null = null): Promise<IdentityRecord> {
  return admin.setIdentity(`tenant-${randomUUID()}`, transmitter, spec)
}

function aCache(): IdentityCache {
  const cache = createIdentityCache({ load: (identity) => loadIdentity(identity, options()), maxEntries: 4 })
  onTestFinished(() => cache.close())
  return cache
}

describe('loading identities', () => {
  it('opens a PKCS#12 file with the password from the secrets directory', async () => {
    pki.secret('p12-password', 'open sesame ')
    const identity = await stored({
      kind: 'pkcs12',
      file: pki.pkcs12(signer, 'open sesame '),
      passwordSecret: 'p12-password',
    })
    const loaded = await loadIdentity(identity, options())
    expect(loaded.certificate.subject).toBe(signer.subject)
  })

  it.each<[string, () => IdentitySpec, string, RegExp]>([
    [
      'a wrong PKCS#12 password',
      () => ({ kind: 'pkcs12', file: pki.pkcs12(signer, 'right'), passwordSecret: 'pin' }),
      'SIGNING_ERR_IDENTITY_UNREADABLE',
      /cannot open the PKCS#12 file/,
    ],
    [
      'a missing key file',
      () => ({ kind: 'pem', keyFile: join(pki.dir, 'nope.key'), certificateFile: signer.certFile }),
      'SIGNING_ERR_IDENTITY_UNREADABLE',
      /cannot read '.*nope\.key' \(ENOENT\)/,
    ],
    [
      'a wrong PEM passphrase',
      () => ({
        kind: 'pem',
        keyFile: pki.encryptedKey(signer, 'right'),
        certificateFile: signer.certFile,
        passphraseSecret: 'pin',
      }),
      'SIGNING_ERR_IDENTITY_UNREADABLE',
      /wrong passphrase/,
    ],
    [
      'a secret that is not in the directory',
      () => ({ kind: 'pkcs12', file: pki.pkcs12(signer, 'right'), passwordSecret: 'absent' }),
      'SIGNING_ERR_SECRET_MISSING',
      /Secret 'absent' cannot be read/,
    ],
    [
      'a PKCS#11 module that is not installed',
      () => tokenIdentity('any', { module: '/opt/none/libpkcs11.so' }),
      'SIGNING_ERR_IDENTITY_UNREADABLE',
      /no PKCS#11 module at '\/opt\/none\/libpkcs11.so'/,
    ],
  ])('refuses %s, not retriable, naming no secret', async (_, spec, code, message) => {
    const err = (await loadIdentity(await stored(spec()), options()).catch((caught: unknown) => caught)) as Error
    expect(err).toMatchObject({ code })
    expect(err.message).toMatch(message)
    expect(classifyError(err)).toBe('fatal')
    expect(`${err.message}${err.stack}`).not.toContain(PIN)
  })

  it('needs a secrets directory to read any secret', async () => {
    const identity = await stored({ kind: 'pkcs12', file: pki.pkcs12(signer, 'x'), passwordSecret: 'pin' })
    const loading = loadIdentity(identity, { ...options(), secrets: secretsDirectory(undefined) })
    await expect(loading).rejects.toMatchObject({ code: 'SIGNING_ERR_SECRET_MISSING' })
    await expect(loading).rejects.toThrow('SIGNING_SECRETS_DIR is not set')
  })
})

describe('PKCS#11 identities', () => {
  beforeAll(() => {
    hsm.addToken({ label: 'wrong-pin', pin: '13579', keyFile: signer.keyFile, keyLabel: 'signing' })
    hsm.addToken({ label: 'firma', pin: PIN, keyFile: signer.keyFile, keyLabel: 'signing' })
  })

  // First, before this process logs in to the token: PKCS#11 login state is per process and token.
  it('refuse a wrong PIN as unreadable, not retriable: retrying would lock the token', async () => {
    const loading = loadIdentity(await stored(tokenIdentity('wrong-pin')), options())
    const err = await loading.catch((caught: unknown) => caught)
    expect(err).toMatchObject({ code: 'SIGNING_ERR_IDENTITY_UNREADABLE' })
    await expect(loading).rejects.toThrow('CKR_PIN_INCORRECT')
    expect(classifyError(err)).toBe('fatal')
  })

  it('sign through one session, opened once and closed with the cache', async () => {
    const loads: string[] = []
    const cache = createIdentityCache({
      load: (identity) => (loads.push(identity.id), loadIdentity(identity, options())),
      maxEntries: 4,
    })
    const identity = await stored(tokenIdentity('firma'))
    const content = sampleInvoice('FPA12')
    const sign = (): Promise<Buffer> =>
      cache.use(identity, (token) => signFile(content, { format: 'cades', signer: token }))
    const signed = await Promise.all([sign(), sign(), sign()])
    expect(loads).toEqual([identity.id])
    for (const p7m of signed) expect(opensslVerify(pki.dir, p7m, pki.ca.certFile).stdout.equals(content)).toBe(true)
    let token: LoadedSigner | undefined
    await cache.use(identity, async (loaded) => void (token = loaded))
    await cache.close()
    await expect(signFile(content, { format: 'cades', signer: token! })).rejects.toMatchObject({ code: 'SIG_ERR_SIGN' })
  })
})

describe('a token that is unavailable', () => {
  it('makes the handler throw a retriable error and commit nothing; once it is back, the invoice is signed', async () => {
    const tenantId = `tenant-${randomUUID()}`
    await admin.setIdentity(tenantId, null, tokenIdentity('late'))
    const content = await documents.put(sampleInvoice('FPA12'), 'application/xml')
    const event = aValidatedInvoice({ tenantId, formato: 'FPA12', transmitterId: aTransmitterId(), content })
    const deps = { pool, documents, signers: aCache(), schema: SIGNING_SCHEMA, consumer: 'test', now: () => new Date() }

    const err = await onInvoiceValidated(event, deps, logger).catch((caught: unknown) => caught)
    expect(err).toMatchObject({ code: 'SIGNING_ERR_TOKEN_UNAVAILABLE' })
    expect((err as Error).message).toContain("no token labelled 'late'")
    expect(classifyError(err)).toBe('retriable')
    const count = async (table: string): Promise<number> =>
      (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM signing.${table}`)).rows[0]!.n
    const before = { signings: await count('signings'), outbox: await count('outbox'), inbox: await count('inbox') }

    hsm.addToken({ label: 'late', pin: PIN, keyFile: signer.keyFile, keyLabel: 'signing' })
    await onInvoiceValidated(event, deps, logger)
    expect({ signings: await count('signings'), outbox: await count('outbox'), inbox: await count('inbox') }).toEqual({
      signings: before.signings + 1,
      outbox: before.outbox + 1,
      inbox: before.inbox + 1,
    })
    const { rows } = await pool.query<{ payload: string }>('SELECT payload FROM signing.outbox')
    const signed = rows.map((row) => JSON.parse(row.payload) as InvoiceSigned).find((e) => e.causationId === event.id)!
    expect(invoiceSigned.check(signed)).toEqual([])
    // The failed attempt drew no progressive: the first file of the transmitter is still 00001.
    expect(signed.data.fileName).toBe(`IT${event.data.transmitter.id}_00001.xml.p7m`)
    const p7m = (await documents.get(signed.data.signed.sha256)).bytes
    expect(opensslVerify(pki.dir, p7m, pki.ca.certFile).ok).toBe(true)
  })
})
