import {
  codiceDestinatarioLength,
  formatoMatchesVersione,
  nonResidentCode,
  sdiPecDestinatario,
} from './destinatario.ts'
import { creditNoteAfterInvoice, dateNotAfterReception, numeroHasDigit } from './documento.ts'
import {
  buyerCodiceFiscale,
  buyerPartitaIva,
  representativePartitaIva,
  sellerPartitaIva,
  transmitterIdCodice,
} from './identifiers.ts'
import { duplicateInLotto } from './lotto.ts'
import {
  cassaNaturaMissing,
  cassaNaturaUnexpected,
  genericNatura,
  lineNaturaMissing,
  lineNaturaUnexpected,
  rateAsPercentage,
  reverseChargeNotSplit,
  riepilogoNaturaMissing,
  riepilogoNaturaUnexpected,
} from './natura-aliquota.ts'
import { buyerIdentified, notBothForeign } from './parties.ts'
import { prezzoTotale } from './prezzo-totale.ts'
import { naturaMismatch, rateWithoutSummary, summaryRateUnused } from './riepilogo.ts'
import { cassaRitenuta, documentAdjustmentEmpty, lineAdjustmentEmpty, lineRitenuta } from './ritenuta-sconti.ts'
import type { ContentRule } from './rule.ts'
import { buyerVatRequired, noZeroRateLines, sellerCountry, sellerIsBuyer, sellerNotBuyer } from './tipo-documento.ts'
import { imponibile, imposta } from './totals.ts'

/**
 * Every SdI content check Varco can decide from the file alone, in code order. Not here because they need SdI's
 * registries: 00311/00312 (CodiceDestinatario in IPA or the channel registry), 00320-00326 (VAT number vs codice
 * fiscale, VAT groups, ceased VAT numbers), 00398/00399 (IPA office types), 00404 (invoices already received); the
 * existence half of 00300/00301/00305/00306 (Anagrafe Tributaria).
 */
export const CONTENT_RULES: readonly ContentRule[] = [
  transmitterIdCodice, // 00300
  sellerPartitaIva, // 00301
  representativePartitaIva, // 00303
  buyerPartitaIva, // 00305
  buyerCodiceFiscale, // 00306
  nonResidentCode, // 00313
  sdiPecDestinatario, // 00330
  lineNaturaMissing, // 00400
  lineNaturaUnexpected, // 00401
  dateNotAfterReception, // 00403
  duplicateInLotto, // 00409
  lineRitenuta, // 00411
  cassaNaturaMissing, // 00413
  cassaNaturaUnexpected, // 00414
  cassaRitenuta, // 00415
  buyerIdentified, // 00417
  creditNoteAfterInvoice, // 00418
  rateWithoutSummary, // 00419
  reverseChargeNotSplit, // 00420
  imposta, // 00421
  imponibile, // 00422
  prezzoTotale, // 00423
  rateAsPercentage, // 00424
  numeroHasDigit, // 00425
  codiceDestinatarioLength, // 00427
  formatoMatchesVersione, // 00428
  riepilogoNaturaMissing, // 00429
  riepilogoNaturaUnexpected, // 00430
  documentAdjustmentEmpty, // 00437
  lineAdjustmentEmpty, // 00438
  summaryRateUnused, // 00443
  naturaMismatch, // 00444
  genericNatura, // 00445
  sellerNotBuyer, // 00471
  sellerIsBuyer, // 00472
  sellerCountry, // 00473
  noZeroRateLines, // 00474
  buyerVatRequired, // 00475
  notBothForeign, // 00476
]
