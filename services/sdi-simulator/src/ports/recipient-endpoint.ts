/** An invoice file and its metadata (MT) as SdI hands them to a recipient's RicezioneFatture.RiceviFatture. */
export interface InvoiceDelivery {
  readonly identificativoSdI: string
  readonly fileName: string
  readonly file: Buffer
  readonly metadataFileName: string
  readonly metadata: Buffer
}

/** A message SdI sends a recipient about an invoice it delivered (the DT of RicezioneFatture). */
export interface RecipientNotice {
  readonly identificativoSdI: string
  readonly fileName: string
  readonly file: Buffer
}

/** Recipients' RicezioneFatture services, by endpoint URL; a rejected promise means "not delivered". */
export interface RecipientEndpoints {
  readonly deliver: (endpoint: string, delivery: InvoiceDelivery) => Promise<void>
  /** RicezioneFatture.NotificaDecorrenzaTermini: the 15 days for the recipient's outcome passed. */
  readonly notifyTermsExpired: (endpoint: string, notice: RecipientNotice) => Promise<void>
}
