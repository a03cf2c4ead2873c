import { assertNever } from '@varco/errors'

/*
 * An invoice file's lifecycle at its transmitter, after SdI took it (FACTS.md §8): the only place that decides
 * transitions. Messages can arrive twice (SdI retries) or out of order (an RC after an NE), so a message is a fact
 * about the file, not a command: one that repeats changes nothing, one that tells less than what is known already
 * is recorded as stale, and one the flow cannot explain is recorded and alerted, never dropped.
 */

export type Formato = 'FPA12' | 'FPR12'

export type LifecycleState =
  | 'submitted'
  | 'rejected'
  | 'delivered'
  | 'not_delivered'
  | 'accepted'
  | 'refused'
  | 'terms_expired'
  | 'undeliverable_attested'
  | 'in_reserved_area'

export type LifecycleMessage =
  | { readonly kind: 'NS'; readonly onlyDuplicateName: boolean }
  | { readonly kind: 'RC' }
  | { readonly kind: 'MC' }
  | { readonly kind: 'NE'; readonly esito: 'EC01' | 'EC02' }
  | { readonly kind: 'DT' }
  | { readonly kind: 'AT' }

export type Decision =
  | { readonly kind: 'transition'; readonly to: LifecycleState }
  /** The file is already where this message would take it (SdI sent it twice, or said it another way). */
  | { readonly kind: 'unchanged' }
  /** Older news than what is known: an RC after the outcome, an MC after the RC. Recorded in the timeline only. */
  | { readonly kind: 'stale' }
  /** Not possible in this flow from this state: recorded and alerted; the state stays. */
  | { readonly kind: 'forbidden'; readonly reason: string }

export const TERMINAL_STATES: ReadonlySet<LifecycleState> = new Set([
  'rejected',
  'accepted',
  'refused',
  'terms_expired',
  'undeliverable_attested',
  'in_reserved_area',
])

/** The states a file passes through before each state, per flow: news of one of them is stale. */
const BEFORE: Readonly<Record<Formato, Readonly<Partial<Record<LifecycleState, readonly LifecycleState[]>>>>> = {
  FPA12: {
    not_delivered: ['submitted'],
    delivered: ['submitted', 'not_delivered'],
    accepted: ['submitted', 'not_delivered', 'delivered'],
    refused: ['submitted', 'not_delivered', 'delivered'],
    terms_expired: ['submitted', 'not_delivered', 'delivered'],
    undeliverable_attested: ['submitted', 'not_delivered'],
  },
  FPR12: {
    delivered: ['submitted'],
    in_reserved_area: ['submitted'],
  },
}

/** The state a message puts a file in, whatever it was before; undefined when the flow has no such message. */
function target(formato: Formato, message: LifecycleMessage): LifecycleState | undefined {
  switch (message.kind) {
    case 'NS':
      return 'rejected'
    case 'RC':
      return 'delivered'
    case 'MC':
      return formato === 'FPA12' ? 'not_delivered' : 'in_reserved_area'
    case 'NE':
      if (formato === 'FPR12') return undefined
      return message.esito === 'EC01' ? 'accepted' : 'refused'
    case 'DT':
      return formato === 'FPA12' ? 'terms_expired' : undefined
    case 'AT':
      return formato === 'FPA12' ? 'undeliverable_attested' : undefined
    default:
      return assertNever(message, 'SdI message')
  }
}

/** The transitions of FACTS.md §8, from each state; everything else is decided by `decide` below. */
const ALLOWED: Readonly<Record<Formato, Readonly<Partial<Record<LifecycleState, readonly LifecycleState[]>>>>> = {
  FPA12: {
    submitted: ['rejected', 'delivered', 'not_delivered'],
    not_delivered: ['delivered', 'undeliverable_attested'],
    delivered: ['accepted', 'refused', 'terms_expired'],
  },
  FPR12: {
    submitted: ['rejected', 'delivered', 'in_reserved_area'],
  },
}

// An outcome (NE, DT) or an AT implies what came before it: SdI never sends one about a file it did not deliver or
// try to, so arriving first it is taken, and the earlier message, when it comes, is stale.
const SKIPPING: Readonly<Partial<Record<LifecycleState, readonly LifecycleState[]>>> = {
  submitted: ['accepted', 'refused', 'terms_expired', 'undeliverable_attested'],
  not_delivered: ['accepted', 'refused', 'terms_expired'],
}

/** What a message does to a file in `state`. Pure: the caller records the decision and its message. */
export function decide(formato: Formato, state: LifecycleState, message: LifecycleMessage): Decision {
  const to = target(formato, message)
  if (to === undefined) return { kind: 'forbidden', reason: `${message.kind} does not exist in the ${formato} flow` }
  if (to === state) return { kind: 'unchanged' }
  // A resend under the same name after a crash is refused as 00002 while the original goes on: not about this file.
  if (message.kind === 'NS' && message.onlyDuplicateName && state !== 'submitted') return { kind: 'stale' }
  if (ALLOWED[formato][state]?.includes(to) === true) return { kind: 'transition', to }
  if (formato === 'FPA12' && SKIPPING[state]?.includes(to) === true) return { kind: 'transition', to }
  if (BEFORE[formato][state]?.includes(to) === true) return { kind: 'stale' }
  return { kind: 'forbidden', reason: `${message.kind} cannot follow ${state} in the ${formato} flow` }
}
