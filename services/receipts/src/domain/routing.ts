/*
 * Which client an invoice SdI delivered to our channel is for. A 6-character code names one public administration
 * office, so it may be routed alone; a 7-character code is an intermediary's channel, shared by many clients, so the
 * buyer's VAT number (or codice fiscale) picks the client. Pure: routes come from the routes table.
 */

export interface Route {
  readonly codiceDestinatario: string
  /** The buyer's VAT number with its country, e.g. IT01234567890. */
  readonly vatNumber?: string | undefined
  readonly codiceFiscale?: string | undefined
  readonly tenantId: string
}

export interface Recipient {
  /** The routing codes to try, in order: the file's CodiceDestinatario, then the one SdI's MT names. */
  readonly codes: readonly string[]
  readonly buyer: { readonly country: string; readonly vatNumber?: string; readonly codiceFiscale?: string }
}

export type RouteCheck = { readonly ok: true; readonly route: Route } | { readonly ok: false; readonly reason: string }

const CODE = /^[A-Z0-9]{6,7}$/
const VAT = /^[A-Z]{2}[A-Z0-9]{2,28}$/
const CODICE_FISCALE = /^[A-Z0-9]{11,16}$/
const TENANT = /^[A-Za-z0-9_-]{1,100}$/

const normal = (value: string | undefined): string | undefined => {
  const text = value?.replace(/\s+/g, '').toUpperCase()
  return text === undefined || text === '' ? undefined : text
}

/** A route as an operator typed it, normalised (upper case, no spaces), or why it cannot be one. */
export function checkRoute(input: {
  readonly codiceDestinatario: string
  readonly vatNumber?: string | undefined
  readonly codiceFiscale?: string | undefined
  readonly tenantId: string
}): RouteCheck {
  const code = normal(input.codiceDestinatario) ?? ''
  const vatNumber = normal(input.vatNumber)
  const codiceFiscale = normal(input.codiceFiscale)
  if (!CODE.test(code)) return { ok: false, reason: `routing code '${code}' must be 6 or 7 letters or digits` }
  if (!TENANT.test(input.tenantId)) return { ok: false, reason: `tenant id '${input.tenantId}' is not valid` }
  if (vatNumber !== undefined && codiceFiscale !== undefined) {
    return { ok: false, reason: 'a route names the buyer by VAT number or by codice fiscale, not both' }
  }
  if (vatNumber !== undefined && !VAT.test(vatNumber)) {
    return { ok: false, reason: `VAT number '${vatNumber}' must start with its country code, e.g. IT01234567890` }
  }
  if (codiceFiscale !== undefined && !CODICE_FISCALE.test(codiceFiscale)) {
    return { ok: false, reason: `codice fiscale '${codiceFiscale}' must be 11 to 16 letters or digits` }
  }
  if (code.length === 7 && vatNumber === undefined && codiceFiscale === undefined) {
    return {
      ok: false,
      reason: `routing code ${code} is a channel shared by many clients: give the buyer's VAT number or codice fiscale`,
    }
  }
  return { ok: true, route: { codiceDestinatario: code, vatNumber, codiceFiscale, tenantId: input.tenantId } }
}

function buyerMatches(route: Route, buyer: Recipient['buyer']): boolean {
  const vat = normal(buyer.vatNumber)
  if (route.vatNumber !== undefined) return vat !== undefined && route.vatNumber === `${normal(buyer.country)}${vat}`
  if (route.codiceFiscale !== undefined) return route.codiceFiscale === normal(buyer.codiceFiscale)
  return false
}

/**
 * The route of a recipient: for each of its codes in turn, a route naming the buyer wins over one for the code
 * alone (a 6-character office code). Undefined when none applies: the invoice is held until one is configured.
 */
export function routeFor(routes: readonly Route[], recipient: Recipient): Route | undefined {
  for (const code of recipient.codes) {
    const forCode = routes.filter((route) => route.codiceDestinatario === code)
    const byBuyer = forCode.find((route) => buyerMatches(route, recipient.buyer))
    if (byBuyer !== undefined) return byBuyer
    const alone = forCode.find((route) => route.vatNumber === undefined && route.codiceFiscale === undefined)
    if (alone !== undefined && code.length === 6) return alone
  }
  return undefined
}
