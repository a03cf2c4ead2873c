export { FatturaCharacterError, FatturaInvalidModelError, FatturaXsdLoadError } from './errors.ts'
export { DSIG_NAMESPACE, FATTURAPA_NAMESPACE, XmlAnnotation, type XmlWhiteSpace } from './model/annotations.ts'
export {
  AltriDatiGestionali,
  Allegati,
  CodiceArticolo,
  DatiBeniServizi,
  DatiPagamento,
  DatiRiepilogo,
  DatiVeicoli,
  DettaglioLinee,
  DettaglioPagamento,
  FatturaElettronicaBody,
} from './model/body.ts'
export {
  DatiAnagraficiVettore,
  DatiBollo,
  DatiCassaPrevidenziale,
  DatiDDT,
  DatiDocumentiCorrelati,
  DatiGenerali,
  DatiGeneraliDocumento,
  DatiRitenuta,
  DatiSAL,
  DatiTrasporto,
  FatturaPrincipale,
} from './model/body-dati-generali.ts'
export {
  CAUSALI_PAGAMENTO,
  CONDIZIONI_PAGAMENTO,
  ESIGIBILITA_IVA,
  FORMATI_TRASMISSIONE,
  MODALITA_PAGAMENTO,
  NATURE,
  REGIMI_FISCALI,
  SOCI_UNICI,
  SOGGETTI_EMITTENTI,
  STATI_LIQUIDAZIONE,
  TIPI_CASSA,
  TIPI_CESSIONE_PRESTAZIONE,
  TIPI_DOCUMENTO,
  TIPI_RITENUTA,
  TIPI_SCONTO_MAGGIORAZIONE,
  type CausalePagamento,
  type CondizioniPagamento,
  type FormatoTrasmissione,
  type ModalitaPagamento,
  type Natura,
  type RegimeFiscale,
  type TipoCassa,
  type TipoDocumento,
  type TipoRitenuta,
  causalePagamento,
  condizioniPagamento,
  esigibilitaIVA,
  formatoTrasmissione,
  modalitaPagamento,
  natura,
  regimeFiscale,
  si,
  socioUnico,
  soggettoEmittente,
  statoLiquidazione,
  tipoCassa,
  tipoCessionePrestazione,
  tipoDocumento,
  tipoRitenuta,
  tipoScontoMaggiorazione,
} from './model/code-lists.ts'
export {
  Anagrafica,
  Contatti,
  DatiAnagraficiRappresentante,
  DatiAnagraficiSoggetto,
  IdFiscale,
  Indirizzo,
  ScontoMaggiorazione,
} from './model/common.ts'
export { DsSignature, FatturaElettronica } from './model/fattura.ts'
export {
  abi,
  amount2Decimal,
  amount8Decimal,
  base64Binary,
  bic,
  cab,
  cap,
  codEORI,
  codice,
  codiceDestinatario,
  codiceFiscale,
  codiceFiscalePF,
  dataFattura,
  date,
  dateTime,
  divisa,
  email,
  emailContatti,
  giorniTerminePagamento,
  iban,
  nazione,
  numeroCivico,
  numeroColli,
  numeroLinea,
  peso,
  provincia,
  quantita,
  rate,
  riferimentoFase,
  riferimentoNumeroLinea,
  string10,
  string100,
  string1000Latin,
  string100Latin,
  string15,
  string20,
  string200Latin,
  string35,
  string35LatinExt,
  string60,
  string60Latin,
  string80,
  string80Latin,
  telFax,
  tipoResa,
  titolo,
} from './model/simple-types.ts'
export { XsdFormat } from './model/xsd-formats.ts'
export {
  CedentePrestatore,
  CessionarioCommittente,
  ContattiTrasmittente,
  DatiAnagraficiCedente,
  DatiTrasmissione,
  FatturaElettronicaHeader,
  IscrizioneREA,
  RappresentanteFiscale,
  RappresentanteFiscaleCessionario,
  TerzoIntermediarioOSoggettoEmittente,
} from './model/header.ts'
export {
  CONTENT_RULES,
  checkContent,
  compareSdiErrors,
  inForce,
  SPEC_VERSIONS,
  type ContentCheckContext,
  type ContentRule,
  type SpecVersion,
} from './checks/index.ts'
export {
  checkCodiceFiscale,
  codiceFiscaleCheckLetter,
  withoutOmocodia,
  type CodiceFiscaleProblem,
} from './identifiers/codice-fiscale.ts'
export { checkPartitaIva, elevenDigitCheckDigit, type PartitaIvaProblem } from './identifiers/partita-iva.ts'
export { sdiErrorCatalog, type LocalizedText, type SdiError, type SdiErrorCode } from './sdi/sdi-error.ts'
export {
  endOfItalianDay,
  italianDay,
  outcomeDeadline,
  resubmissionDeadline,
  transmissionDeadline,
} from './sdi/deadlines.ts'
export { MAX_PROGRESSIVE, ProgressiveExhausted, progressiveFor } from './sdi/progressive.ts'
export {
  B2bDestinatario,
  B2bErrore,
  B2bFileMetadati,
  B2bListaErrori,
  B2bRicevutaConsegna,
  B2bRicevutaImpossibilitaRecapito,
  B2bRicevutaScarto,
  B2bRiferimentoArchivio,
} from './messages/b2b-messages.ts'
export { FatturaFileNameError, FileNameProblemCode } from './messages/file-name-problem.ts'
export {
  INVOICE_FILE_EXTENSIONS,
  invoiceFileName,
  parseInvoiceFileName,
  type FileNameResult,
  type InvoiceFileExtension,
  type InvoiceFileName,
  type InvoiceFileNameParts,
  type InvoiceFileStem,
} from './messages/invoice-file-name.ts'
export { messageFileName, parseMessageFileName, type MessageFileName } from './messages/message-file-name.ts'
export { SdiMessageIssueCode, type SdiMessageIssue } from './messages/message-issues.ts'
export {
  B2B_MESSAGES_NAMESPACE,
  PA_MESSAGES_NAMESPACE,
  SDI_MESSAGE_KINDS,
  SDI_MESSAGE_ROOTS,
  type SdiMessage,
  type SdiMessageFamily,
  type SdiMessageKind,
  type SdiMessageRoot,
} from './messages/message-roots.ts'
export {
  ESITI_COMMITTENTE,
  RiferimentoFattura,
  SCARTI_ESITO,
  type EsitoCommittente,
  type ScartoEsito,
} from './messages/message-types.ts'
export {
  PaMetadatiInvioFile,
  PaNotificaDecorrenzaTermini,
  PaNotificaEsitoCommittente,
  PaScartoEsitoCommittente,
} from './messages/pa-recipient-messages.ts'
export {
  PaAttestazioneTrasmissioneFattura,
  PaDestinatario,
  PaErrore,
  PaListaErrori,
  PaNotificaEsito,
  PaNotificaMancataConsegna,
  PaNotificaScarto,
  PaRicevutaConsegna,
  PaRiferimentoArchivio,
} from './messages/pa-transmitter-messages.ts'
export {
  parseSdiMessage,
  type MessageParseOptions,
  type MessageParseResult,
  type PartialSdiMessage,
} from './messages/parse-message.ts'
export {
  DEFAULT_MESSAGE_PREFIXES,
  serializeSdiMessage,
  type MessageSerializeOptions,
} from './messages/serialize-message.ts'
export { validateSdiMessage, type ValidateMessageOptions } from './messages/validate-message.ts'
export { DEFAULT_MAX_BYTES } from './xml/decode.ts'
export { FatturaIssueCode, type FatturaIssue } from './xml/issues.ts'
export { parseFattura, type ParseOptions, type ParseResult } from './xml/parse.ts'
export { serializeFattura, type SerializeOptions } from './xml/serialize.ts'
export { transliterate, type TransliterationChange, type TransliterationResult } from './xml/transliterate.ts'
export { validateFattura } from './xml/validate.ts'
export {
  DEFAULT_FATTURAPA_XSD,
  createXsdValidator,
  type FatturaXsdValidator,
  type XsdProblem,
  type XsdValidation,
  type XsdValidatorOptions,
} from './xsd/xsd-validator.ts'
export {
  SDI_MAX_FILE_BYTES,
  validateInvoiceFile,
  type InvoiceValidation,
  type InvoiceValidationContext,
} from './validate-invoice.ts'
