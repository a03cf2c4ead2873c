/** An invoice file and its metadata (MT) as SdI hands them to a recipient's RicezioneFatture.RiceviFatture. */
export interface InvoiceDelivery {
  readonly identificativoSdI: string
  readonly fileName: string
  readonly file: Buffer
  readonly metadataFileName: string
  readonly metadata: Buffer
}

/** Recipients' RicezioneFatture services, by endpoint URL; a rejected promise means "not delivered". */
export interface RecipientEndpoints {
  readonly deliver: (endpoint: string, delivery: InvoiceDelivery) => Promise<void>
}
