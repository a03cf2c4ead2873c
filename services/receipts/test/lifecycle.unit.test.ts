import { describe, expect, it } from 'vitest'
import {
  decide,
  TERMINAL_STATES,
  type Decision,
  type Formato,
  type LifecycleMessage,
  type LifecycleState,
} from '../src/domain/lifecycle.ts'

const STATES: readonly LifecycleState[] = [
  'submitted',
  'rejected',
  'delivered',
  'not_delivered',
  'accepted',
  'refused',
  'terms_expired',
  'undeliverable_attested',
  'in_reserved_area',
]
const MESSAGES: Readonly<Record<string, LifecycleMessage>> = {
  NS: { kind: 'NS', onlyDuplicateName: false },
  'NS(00002)': { kind: 'NS', onlyDuplicateName: true },
  RC: { kind: 'RC' },
  MC: { kind: 'MC' },
  'NE(EC01)': { kind: 'NE', esito: 'EC01' },
  'NE(EC02)': { kind: 'NE', esito: 'EC02' },
  DT: { kind: 'DT' },
  AT: { kind: 'AT' },
}

const short = (d: Decision) => (d.kind === 'transition' ? `→${d.to}` : d.kind)

/*
 * The whole table, state by message, for each flow: every cell is stated, so any change to the rules shows here.
 * →x a transition, "unchanged" the same state again, "stale" older news, "forbidden" recorded and alerted.
 */
// prettier-ignore
const FPA12: Readonly<Record<LifecycleState, readonly string[]>> = {
  //                        NS            NS(00002)    RC             MC                 NE(EC01)      NE(EC02)     DT                AT
  submitted:              ['→rejected',  '→rejected', '→delivered', '→not_delivered', '→accepted',  '→refused',  '→terms_expired', '→undeliverable_attested'],
  rejected:               ['unchanged',  'unchanged', 'forbidden',  'forbidden',      'forbidden',  'forbidden', 'forbidden',      'forbidden'],
  delivered:              ['forbidden',  'stale',     'unchanged',  'stale',          '→accepted',  '→refused',  '→terms_expired', 'forbidden'],
  not_delivered:          ['forbidden',  'stale',     '→delivered', 'unchanged',      '→accepted',  '→refused',  '→terms_expired', '→undeliverable_attested'],
  accepted:               ['forbidden',  'stale',     'stale',      'stale',          'unchanged',  'forbidden', 'forbidden',      'forbidden'],
  refused:                ['forbidden',  'stale',     'stale',      'stale',          'forbidden',  'unchanged', 'forbidden',      'forbidden'],
  terms_expired:          ['forbidden',  'stale',     'stale',      'stale',          'forbidden',  'forbidden', 'unchanged',      'forbidden'],
  undeliverable_attested: ['forbidden',  'stale',     'forbidden',  'stale',          'forbidden',  'forbidden', 'forbidden',      'unchanged'],
  in_reserved_area:       ['forbidden',  'stale',     'forbidden',  'forbidden',      'forbidden',  'forbidden', 'forbidden',      'forbidden'],
}
// prettier-ignore
const FPR12: Readonly<Record<LifecycleState, readonly string[]>> = {
  //                        NS            NS(00002)    RC             MC                    NE(EC01)     NE(EC02)     DT           AT
  submitted:              ['→rejected',  '→rejected', '→delivered', '→in_reserved_area', 'forbidden', 'forbidden', 'forbidden', 'forbidden'],
  rejected:               ['unchanged',  'unchanged', 'forbidden',  'forbidden',         'forbidden', 'forbidden', 'forbidden', 'forbidden'],
  delivered:              ['forbidden',  'stale',     'unchanged',  'forbidden',         'forbidden', 'forbidden', 'forbidden', 'forbidden'],
  not_delivered:          ['forbidden',  'stale',     'forbidden',  'forbidden',         'forbidden', 'forbidden', 'forbidden', 'forbidden'],
  accepted:               ['forbidden',  'stale',     'forbidden',  'forbidden',         'forbidden', 'forbidden', 'forbidden', 'forbidden'],
  refused:                ['forbidden',  'stale',     'forbidden',  'forbidden',         'forbidden', 'forbidden', 'forbidden', 'forbidden'],
  terms_expired:          ['forbidden',  'stale',     'forbidden',  'forbidden',         'forbidden', 'forbidden', 'forbidden', 'forbidden'],
  undeliverable_attested: ['forbidden',  'stale',     'forbidden',  'forbidden',         'forbidden', 'forbidden', 'forbidden', 'forbidden'],
  in_reserved_area:       ['forbidden',  'stale',     'forbidden',  'unchanged',         'forbidden', 'forbidden', 'forbidden', 'forbidden'],
}

describe.each([
  ['FPA12', FPA12],
  ['FPR12', FPR12],
] as const)('the %s lifecycle, every state by every message', (formato: Formato, table) => {
  it.each(STATES)('from %s', (state) => {
    const row = Object.values(MESSAGES).map((message) => short(decide(formato, state, message)))
    expect(row).toEqual(table[state])
  })
})

describe('the lifecycle', () => {
  it('never leaves a terminal state', () => {
    for (const formato of ['FPA12', 'FPR12'] as const) {
      for (const state of TERMINAL_STATES) {
        for (const message of Object.values(MESSAGES)) {
          expect(decide(formato, state, message).kind).not.toBe('transition')
        }
      }
    }
  })

  it('ends the same whatever the order of an MC, an RC and an NE', () => {
    const run = (messages: readonly LifecycleMessage[]) =>
      messages.reduce<LifecycleState>((state, message) => {
        const decision = decide('FPA12', state, message)
        return decision.kind === 'transition' ? decision.to : state
      }, 'submitted')
    const [mc, rc, ne] = [MESSAGES.MC!, MESSAGES.RC!, MESSAGES['NE(EC01)']!]
    const orders = [
      [mc, rc, ne],
      [mc, ne, rc],
      [rc, mc, ne],
      [rc, ne, mc],
      [ne, mc, rc],
      [ne, rc, mc],
    ]
    expect(new Set(orders.map(run))).toEqual(new Set(['accepted']))
  })

  it('says why a message is forbidden', () => {
    expect(decide('FPR12', 'delivered', { kind: 'DT' })).toEqual({
      kind: 'forbidden',
      reason: 'DT does not exist in the FPR12 flow',
    })
  })
})
