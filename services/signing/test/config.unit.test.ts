import { describe, expect, it } from 'vitest'
import { loadConfig, type ConfigError } from '@varco/config'
import { DEFAULT_PKCS11_MODULE, SigningConfig } from '../src/config.ts'

const required = {
  DATABASE_URL: 'postgres://localhost/varco',
  KAFKA_BROKERS: '127.0.0.1:9092',
  DOCUMENT_KEYS: `k1:${Buffer.alloc(32).toString('base64')}`,
  DOCUMENT_ACTIVE_KEY: 'k1',
}

describe('the signing configuration', () => {
  it('fills in its defaults; no secrets directory unless given', () => {
    expect(loadConfig(SigningConfig, required)).toMatchObject({
      SIGNING_GROUP_ID: 'signing',
      TOPIC_PREFIX: 'varco',
      SIGNING_PKCS11_MODULE: DEFAULT_PKCS11_MODULE,
      SIGNING_IDENTITY_CACHE_SIZE: 32,
    })
    expect(loadConfig(SigningConfig, required).SIGNING_SECRETS_DIR).toBeUndefined()
  })

  it('names every bad variable', () => {
    const env = {
      ...required,
      SIGNING_SECRETS_DIR: 'secrets',
      SIGNING_PKCS11_MODULE: 'libsofthsm2.so',
      SIGNING_IDENTITY_CACHE_SIZE: '0',
    }
    let issues: readonly { variable: string }[] = []
    try {
      loadConfig(SigningConfig, env)
    } catch (err) {
      issues = (err as ConfigError).issues
    }
    expect(issues.map((issue) => issue.variable)).toEqual(
      expect.arrayContaining(['SIGNING_SECRETS_DIR', 'SIGNING_PKCS11_MODULE', 'SIGNING_IDENTITY_CACHE_SIZE']),
    )
  })
})
