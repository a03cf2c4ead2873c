/** A message in both languages Varco reports in: Italian (SdI's own) and English. */
export interface LocalizedText {
  readonly it: string
  readonly en: string
}

/**
 * One reason SdI would reject a file, as SdI reports it in a NotificaScarto: a five-character code from the catalogue
 * (see sdiErrorCatalog), where in the file (`FatturaElettronicaBody[0].DatiBeniServizi.DettaglioLinee[3].AliquotaIVA`,
 * "" for the file as a whole) and a message saying what is wrong with this file in particular.
 */
export interface SdiError {
  readonly code: SdiErrorCode
  readonly path: string
  readonly message: LocalizedText
  /** Our finer-grained reason where the SdI code covers many (e.g. FATTURAPA_ERR_ELEMENT_ORDER under 00200). */
  readonly detail?: string
}

/** Every SdI error code Varco knows (FACTS.md §6), with SdI's meaning in Italian and English. */
export const sdiErrorCatalog = {
  '00001': { it: 'Nome file non valido', en: 'Invalid file name' },
  '00002': { it: 'Nome file duplicato', en: 'Duplicate file name' },
  '00003': { it: 'Le dimensioni del file superano quelle ammesse', en: 'The file is larger than allowed' },
  '00100': { it: 'Certificato di firma scaduto', en: 'Signing certificate expired' },
  '00101': { it: 'Certificato di firma revocato', en: 'Signing certificate revoked' },
  '00102': { it: 'Firma non valida', en: 'Invalid signature' },
  '00103': { it: 'La firma digitale apposta manca del riferimento temporale', en: 'The signature has no signing time' },
  '00104': { it: 'La CA che ha emesso il certificato non è affidabile', en: 'The issuing CA is not trusted' },
  '00105': {
    it: 'Il riferimento temporale della firma è successivo alla data di ricezione',
    en: 'The signing time is after the time of reception',
  },
  '00106': { it: 'File / archivio vuoto o corrotto', en: 'Empty or corrupt file or archive' },
  '00107': { it: 'Il certificato di firma non è valido', en: 'The signing certificate is not valid' },
  '00200': { it: 'File non conforme al formato', en: 'File not conforming to the format' },
  '00201': { it: 'Superato il numero massimo di errori di formato', en: 'Too many format errors' },
  '00300': { it: '1.1.1.2 <IdCodice> non valido', en: '1.1.1.2 <IdCodice> of the transmitter is not valid' },
  '00301': { it: '1.2.1.1.2 <IdCodice> non valido', en: '1.2.1.1.2 <IdCodice> of the seller is not valid' },
  '00303': {
    it: '1.3.1.1.2 o 1.4.4.1.2 <IdCodice> non valido',
    en: '1.3.1.1.2 or 1.4.4.1.2 <IdCodice> of a fiscal representative is not valid',
  },
  '00305': { it: '1.4.1.1.2 <IdCodice> non valido', en: '1.4.1.1.2 <IdCodice> of the buyer is not valid' },
  '00306': { it: '1.4.1.2 <CodiceFiscale> non valido', en: '1.4.1.2 <CodiceFiscale> of the buyer is not valid' },
  '00311': { it: '1.1.4 <CodiceDestinatario> non valido', en: '1.1.4 <CodiceDestinatario> is not valid' },
  '00313': {
    it: '1.1.4 <CodiceDestinatario> con valore XXXXXXX ammesso solo per cessionario non residente',
    en: '1.1.4 <CodiceDestinatario> XXXXXXX is allowed only for a non-resident buyer',
  },
  '00330': {
    it: '1.1.6 <PECDestinatario> non può essere una casella PEC del Sistema di Interscambio',
    en: '1.1.6 <PECDestinatario> cannot be one of the SdI PEC mailboxes',
  },
  '00400': {
    it: '2.2.1.14 <Natura> non presente a fronte di 2.2.1.12 <AliquotaIVA> pari a zero',
    en: '2.2.1.14 <Natura> is missing while 2.2.1.12 <AliquotaIVA> is zero',
  },
  '00401': {
    it: '2.2.1.14 <Natura> presente a fronte di 2.2.1.12 <AliquotaIVA> diversa da zero',
    en: '2.2.1.14 <Natura> is present while 2.2.1.12 <AliquotaIVA> is not zero',
  },
  '00403': {
    it: '2.1.1.3 <Data> successiva alla data di ricezione',
    en: '2.1.1.3 <Data> is later than the date of reception',
  },
  '00404': { it: 'Fattura duplicata', en: 'Duplicate invoice' },
  '00409': { it: 'Fattura duplicata nel lotto', en: 'Duplicate invoice within the batch' },
  '00411': {
    it: '2.1.1.5 <DatiRitenuta> non presente a fronte di almeno un blocco 2.2.1 <DettaglioLinee> con 2.2.1.13 <Ritenuta> uguale a SI',
    en: '2.1.1.5 <DatiRitenuta> is missing while a 2.2.1 <DettaglioLinee> has 2.2.1.13 <Ritenuta> SI',
  },
  '00413': {
    it: '2.1.1.7.7 <Natura> non presente a fronte di 2.1.1.7.5 <AliquotaIVA> pari a zero',
    en: '2.1.1.7.7 <Natura> is missing while 2.1.1.7.5 <AliquotaIVA> is zero',
  },
  '00414': {
    it: '2.1.1.7.7 <Natura> presente a fronte di 2.1.1.7.5 <AliquotaIVA> diversa da zero',
    en: '2.1.1.7.7 <Natura> is present while 2.1.1.7.5 <AliquotaIVA> is not zero',
  },
  '00415': {
    it: '2.1.1.5 <DatiRitenuta> non presente a fronte di 2.1.1.7.6 <Ritenuta> uguale a SI',
    en: '2.1.1.5 <DatiRitenuta> is missing while 2.1.1.7.6 <Ritenuta> is SI',
  },
  '00417': {
    it: '1.4.1.1 <IdFiscaleIVA> e 1.4.1.2 <CodiceFiscale> non valorizzati (almeno uno dei due deve essere valorizzato)',
    en: 'Neither 1.4.1.1 <IdFiscaleIVA> nor 1.4.1.2 <CodiceFiscale> of the buyer is given',
  },
  '00418': {
    it: '2.1.1.3 <Data> antecedente a 2.1.6.3 <Data>',
    en: '2.1.1.3 <Data> is earlier than the date 2.1.6.3 of the invoice it refers to',
  },
  '00419': {
    it: '2.2.2 <DatiRiepilogo> non presente in corrispondenza di almeno un valore di 2.1.1.7.5 <AliquotaIVA> o 2.2.1.12 <AliquotaIVA>',
    en: 'No 2.2.2 <DatiRiepilogo> for a VAT rate used in 2.1.1.7.5 or 2.2.1.12 <AliquotaIVA>',
  },
  '00420': {
    it: '2.2.2.2 <Natura> con valore di tipo N6 (inversione contabile) a fronte di 2.2.2.7 <EsigibilitaIVA> uguale a S (scissione pagamenti)',
    en: '2.2.2.2 <Natura> N6 (reverse charge) together with 2.2.2.7 <EsigibilitaIVA> S (split payment)',
  },
  '00421': {
    it: '2.2.2.6 <Imposta> non calcolato secondo le regole definite nelle specifiche tecniche',
    en: '2.2.2.6 <Imposta> not computed according to the technical rules',
  },
  '00422': {
    it: '2.2.2.5 <ImponibileImporto> non calcolato secondo le regole definite nelle specifiche tecniche',
    en: '2.2.2.5 <ImponibileImporto> not computed according to the technical rules',
  },
  '00423': {
    it: '2.2.1.11 <PrezzoTotale> non calcolato secondo le regole definite nelle specifiche tecniche',
    en: '2.2.1.11 <PrezzoTotale> not computed according to the technical rules',
  },
  '00424': {
    it: '2.2.1.12 <AliquotaIVA> o 2.2.2.1 <AliquotaIVA> o 2.1.1.7.5 <AliquotaIVA> non indicata in termini percentuali',
    en: 'A VAT rate (2.2.1.12, 2.2.2.1 or 2.1.1.7.5 <AliquotaIVA>) is not expressed as a percentage',
  },
  '00425': {
    it: '2.1.1.4 <Numero> non contenente caratteri numerici',
    en: '2.1.1.4 <Numero> contains no digit',
  },
  '00427': {
    it: '1.1.4 <CodiceDestinatario> di 7 caratteri a fronte di 1.1.3 <FormatoTrasmissione> FPA12, o di 6 caratteri a fronte di FPR12',
    en: '1.1.4 <CodiceDestinatario> has 7 characters with FPA12, or 6 with FPR12',
  },
  '00428': {
    it: '1.1.3 <FormatoTrasmissione> non coerente con il valore dell’attributo versione',
    en: '1.1.3 <FormatoTrasmissione> does not match the versione attribute',
  },
  '00429': {
    it: '2.2.2.2 <Natura> non presente a fronte di 2.2.2.1 <AliquotaIVA> pari a zero',
    en: '2.2.2.2 <Natura> is missing while 2.2.2.1 <AliquotaIVA> is zero',
  },
  '00430': {
    it: '2.2.2.2 <Natura> presente a fronte di 2.2.2.1 <AliquotaIVA> diversa da zero',
    en: '2.2.2.2 <Natura> is present while 2.2.2.1 <AliquotaIVA> is not zero',
  },
  '00437': {
    it: '2.1.1.8.2 <Percentuale> e 2.1.1.8.3 <Importo> non presenti a fronte di 2.1.1.8.1 <Tipo> valorizzato',
    en: '2.1.1.8.1 <Tipo> is given without 2.1.1.8.2 <Percentuale> or 2.1.1.8.3 <Importo>',
  },
  '00438': {
    it: '2.2.1.10.2 <Percentuale> e 2.2.1.10.3 <Importo> non presenti a fronte di 2.2.1.10.1 <Tipo> valorizzato',
    en: '2.2.1.10.1 <Tipo> is given without 2.2.1.10.2 <Percentuale> or 2.2.1.10.3 <Importo>',
  },
  '00443': {
    it: 'Non c’è corrispondenza tra i valori indicati nell’elemento 2.2.1.12 <AliquotaIVA> o 2.1.1.7.5 <AliquotaIVA> e quelli dell’elemento 2.2.2.1 <AliquotaIVA>',
    en: 'The VAT rates of the lines or cassa do not match those of the summary 2.2.2.1 <AliquotaIVA>',
  },
  '00444': {
    it: 'Non c’è corrispondenza tra i valori indicati nell’elemento 2.2.1.14 <Natura> o 2.1.1.7.7 <Natura> e quelli dell’elemento 2.2.2.2 <Natura>',
    en: 'The Natura values of the lines or cassa do not match those of the summary 2.2.2.2 <Natura>',
  },
  '00445': {
    it: 'Non è più ammesso il valore generico N2, N3 o N6 come codice natura dell’operazione',
    en: 'The generic Natura codes N2, N3 and N6 are no longer allowed',
  },
  '00471': {
    it: 'Per il valore indicato nell’elemento 2.1.1.1 <TipoDocumento> il cedente/prestatore non può essere uguale al cessionario/committente',
    en: 'For this 2.1.1.1 <TipoDocumento> the seller cannot be the buyer',
  },
  '00472': {
    it: 'Per il valore indicato nell’elemento 2.1.1.1 <TipoDocumento> il cedente/prestatore deve essere uguale al cessionario/committente',
    en: 'For this 2.1.1.1 <TipoDocumento> the seller must be the buyer',
  },
  '00473': {
    it: 'Per il valore indicato nell’elemento 2.1.1.1 <TipoDocumento> non è ammesso il valore indicato nell’elemento 1.2.1.1.1 <IdPaese>',
    en: 'For this 2.1.1.1 <TipoDocumento> the seller’s 1.2.1.1.1 <IdPaese> is not allowed',
  },
  '00474': {
    it: 'Per il valore indicato nell’elemento 2.1.1.1 <TipoDocumento> non sono ammesse linee di dettaglio con aliquota IVA pari a zero',
    en: 'For this 2.1.1.1 <TipoDocumento> lines with a zero VAT rate are not allowed',
  },
  '00475': {
    it: 'Per il valore indicato nell’elemento 2.1.1.1 <TipoDocumento> deve essere presente l’elemento 1.4.1.1 <IdFiscaleIVA> del cessionario/committente',
    en: 'For this 2.1.1.1 <TipoDocumento> the buyer’s 1.4.1.1 <IdFiscaleIVA> is required',
  },
  '00476': {
    it: 'Gli elementi 1.2.1.1.1 <IdPaese> e 1.4.1.1.1 <IdPaese> non possono essere entrambi valorizzati con codice diverso da IT',
    en: 'The seller’s and the buyer’s <IdPaese> cannot both differ from IT',
  },
} as const satisfies Record<string, LocalizedText>

export type SdiErrorCode = keyof typeof sdiErrorCatalog
