import { largeInvoice } from '../test/helpers/shared.ts'

/** The two sizes the goals are stated for: a typical invoice and a large one (DettaglioLinee repeated). */
export function benchInputs(): { readonly label: string; readonly bytes: Buffer }[] {
  return [
    { label: '~10 KB', bytes: largeInvoice(10_000) },
    { label: '~400 KB', bytes: largeInvoice(400_000) },
  ]
}
