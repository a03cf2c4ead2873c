import { describe, expect, it } from 'vitest'
import { assertNever, classifyError, defineError, errorCode, errorMessage } from '../src/index.ts'

const Fatal = defineError<[string]>('TEST_ERR_FATAL', 'bad input: %s', { statusCode: 422 })
const Transient = defineError('TEST_ERR_TRANSIENT', 'try later', { retriable: true })

describe('defineError', () => {
  it('builds coded errors with status, formatted message and cause', () => {
    const cause = new Error('root')
    const err = new Fatal('seller equals buyer', { cause })
    expect(err).toMatchObject({
      code: 'TEST_ERR_FATAL',
      statusCode: 422,
      retriable: false,
      message: 'bad input: seller equals buyer',
    })
    expect(err.cause).toBe(cause)
    expect(err).toBeInstanceOf(Error)
    expect(Fatal.code).toBe('TEST_ERR_FATAL')
  })
})

describe('classifyError', () => {
  it.each([
    ['a coded retriable error', new Transient(), 'retriable'],
    ['a coded fatal error', new Fatal('x'), 'fatal'],
    ['a refused connection', Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }), 'retriable'],
    ['a reset connection', Object.assign(new Error('reset'), { code: 'ECONNRESET' }), 'retriable'],
    ['a PostgreSQL serialization failure', Object.assign(new Error('40001'), { code: '40001' }), 'retriable'],
    ['a PostgreSQL deadlock', Object.assign(new Error('40P01'), { code: '40P01' }), 'retriable'],
    ['a PostgreSQL admin shutdown', Object.assign(new Error('57P01'), { code: '57P01' }), 'retriable'],
    ['a PostgreSQL connection failure', Object.assign(new Error('08006'), { code: '08006' }), 'retriable'],
    ['a PostgreSQL unique violation', Object.assign(new Error('23505'), { code: '23505' }), 'unknown'],
    [
      'a kafkajs error kafkajs calls non-retriable',
      Object.assign(new Error('x'), { name: 'KafkaJSNumberOfRetriesExceeded', retriable: false }),
      'retriable',
    ],
    ['a TypeError (a bug)', new TypeError('undefined is not a function'), 'unknown'],
    ['a thrown string', 'oops', 'unknown'],
    ['null', null, 'unknown'],
  ])('classifies %s', (_name, err, expected) => {
    expect(classifyError(err)).toBe(expected)
  })
})

describe('errorCode and errorMessage', () => {
  it('read codes and messages of anything thrown', () => {
    expect(errorCode(new Fatal('x'))).toBe('TEST_ERR_FATAL')
    expect(errorCode(new Error('plain'))).toBe('UNKNOWN')
    expect(errorCode('string')).toBe('UNKNOWN')
    expect(errorMessage(new Error('m'))).toBe('m')
    expect(errorMessage(42)).toBe('42')
  })
})

describe('assertNever', () => {
  it('throws naming the unexpected value', () => {
    expect(() => assertNever('surprise' as never, 'status')).toThrow('Unexpected status: "surprise"')
  })
})
