import { describe, expect, it } from 'vitest'
import { checkRoute, routeFor, type Recipient, type Route } from '../src/domain/routing.ts'

const route = (code: string, tenantId: string, buyer: { vatNumber?: string; codiceFiscale?: string } = {}): Route => ({
  codiceDestinatario: code,
  vatNumber: buyer.vatNumber,
  codiceFiscale: buyer.codiceFiscale,
  tenantId,
})
const recipient = (codes: string[], buyer: Recipient['buyer'] = { country: 'IT', vatNumber: '09876543217' }) => ({
  codes,
  buyer,
})

describe('routeFor', () => {
  const ROUTES = [
    route('ABC1234', 'rossi', { vatNumber: 'IT09876543217' }),
    route('ABC1234', 'bianchi', { codiceFiscale: 'BNCMRA80A01H501U' }),
    route('ABC1234', 'verdi', { vatNumber: 'IT11111111115' }),
    route('UFY9MH', 'comune'),
    route('UFY9MH', 'scuola', { vatNumber: 'IT22222222226' }),
  ]

  it("a shared 7-character code: the buyer's VAT number picks the client", () => {
    expect(routeFor(ROUTES, recipient(['ABC1234']))?.tenantId).toBe('rossi')
    expect(routeFor(ROUTES, recipient(['ABC1234'], { country: 'IT', vatNumber: '11111111115' }))?.tenantId).toBe(
      'verdi',
    )
  })

  it('or its codice fiscale, for a buyer without a VAT number', () => {
    const consumer = { country: 'IT', codiceFiscale: 'bncmra80a01h501u' }
    expect(routeFor(ROUTES, recipient(['ABC1234'], consumer))?.tenantId).toBe('bianchi')
  })

  it("the VAT number's country counts", () => {
    expect(routeFor(ROUTES, recipient(['ABC1234'], { country: 'SM', vatNumber: '09876543217' }))).toBeUndefined()
  })

  it('a 7-character code with an unknown buyer is not routed', () => {
    expect(routeFor(ROUTES, recipient(['ABC1234'], { country: 'IT', vatNumber: '33333333337' }))).toBeUndefined()
  })

  it('a 6-character office code suffices alone, and a route naming the buyer wins over it', () => {
    expect(routeFor(ROUTES, recipient(['UFY9MH'], { country: 'IT', vatNumber: '44444444448' }))?.tenantId).toBe(
      'comune',
    )
    expect(routeFor(ROUTES, recipient(['UFY9MH'], { country: 'IT', vatNumber: '22222222226' }))?.tenantId).toBe(
      'scuola',
    )
  })

  it("the file's code first, then the MT's (the buyer registered our channel as its address)", () => {
    expect(routeFor(ROUTES, recipient(['0000000', 'ABC1234']))?.tenantId).toBe('rossi')
    expect(routeFor(ROUTES, recipient(['UFY9MH', 'ABC1234']))?.tenantId).toBe('comune')
  })

  it('a code-only route for a 7-character code (never stored) routes nothing', () => {
    expect(routeFor([route('ZZZ9999', 'x')], recipient(['ZZZ9999']))).toBeUndefined()
  })

  it('no routes, no route', () => {
    expect(routeFor([], recipient(['UFY9MH']))).toBeUndefined()
  })
})

describe('checkRoute', () => {
  it('normalises what the operator typed', () => {
    expect(checkRoute({ codiceDestinatario: ' abc1234 ', vatNumber: 'it 09876543217', tenantId: 'rossi' })).toEqual({
      ok: true,
      route: { codiceDestinatario: 'ABC1234', vatNumber: 'IT09876543217', codiceFiscale: undefined, tenantId: 'rossi' },
    })
  })

  it('takes an office code alone', () => {
    expect(checkRoute({ codiceDestinatario: 'UFY9MH', tenantId: 'comune' }).ok).toBe(true)
  })

  it.each([
    [{ codiceDestinatario: 'ABC1234', tenantId: 't' }, 'shared by many clients'],
    [{ codiceDestinatario: 'AB12', tenantId: 't' }, '6 or 7 letters or digits'],
    [{ codiceDestinatario: 'ABC-123', tenantId: 't' }, '6 or 7 letters or digits'],
    [{ codiceDestinatario: 'UFY9MH', tenantId: 'bad tenant!' }, 'tenant id'],
    [{ codiceDestinatario: 'ABC1234', vatNumber: '09876543217', tenantId: 't' }, 'country code'],
    [{ codiceDestinatario: 'ABC1234', codiceFiscale: 'RSS-1', tenantId: 't' }, 'codice fiscale'],
    [
      { codiceDestinatario: 'ABC1234', vatNumber: 'IT09876543217', codiceFiscale: 'RSSMRA80A01H501U', tenantId: 't' },
      'not both',
    ],
  ])('refuses %j', (input, reason) => {
    const result = checkRoute(input)
    expect(result.ok).toBe(false)
    expect(!result.ok && result.reason).toContain(reason)
  })
})
