import Type, { type Static } from 'typebox'

/*
 * The enumerations of FatturaPA schema 1.2.3, value for value and in the schema's order. Each list is exported as data
 * (content checks and UIs iterate over them) and as a TypeBox enum whose static type is the union of the literals.
 */

/** FormatoTrasmissioneType: FPA12 to a public administration, FPR12 to private parties. */
export const FORMATI_TRASMISSIONE = ['FPA12', 'FPR12'] as const
export const formatoTrasmissione = Type.Enum(FORMATI_TRASMISSIONE)
export type FormatoTrasmissione = Static<typeof formatoTrasmissione>

/** TipoDocumentoType; TD29 is new in 1.2.3. */
// prettier-ignore
export const TIPI_DOCUMENTO = [
  'TD01', 'TD02', 'TD03', 'TD04', 'TD05', 'TD06', 'TD16', 'TD17', 'TD18', 'TD19',
  'TD20', 'TD21', 'TD22', 'TD23', 'TD24', 'TD25', 'TD26', 'TD27', 'TD28', 'TD29',
] as const
export const tipoDocumento = Type.Enum(TIPI_DOCUMENTO)
export type TipoDocumento = Static<typeof tipoDocumento>

/** RegimeFiscaleType; there is no RF03, RF20 is new in 1.2.3. */
// prettier-ignore
export const REGIMI_FISCALI = [
  'RF01', 'RF02', 'RF04', 'RF05', 'RF06', 'RF07', 'RF08', 'RF09', 'RF10', 'RF11',
  'RF12', 'RF13', 'RF14', 'RF15', 'RF16', 'RF17', 'RF18', 'RF19', 'RF20',
] as const
export const regimeFiscale = Type.Enum(REGIMI_FISCALI)
export type RegimeFiscale = Static<typeof regimeFiscale>

/** NaturaType: the generic N2, N3, N6 are still in the schema (SdI refuses them by content rule 00445). */
// prettier-ignore
export const NATURE = [
  'N1', 'N2', 'N2.1', 'N2.2', 'N3', 'N3.1', 'N3.2', 'N3.3', 'N3.4', 'N3.5', 'N3.6', 'N4', 'N5',
  'N6', 'N6.1', 'N6.2', 'N6.3', 'N6.4', 'N6.5', 'N6.6', 'N6.7', 'N6.8', 'N6.9', 'N7',
] as const
export const natura = Type.Enum(NATURE)
export type Natura = Static<typeof natura>

/** ModalitaPagamentoType. */
// prettier-ignore
export const MODALITA_PAGAMENTO = [
  'MP01', 'MP02', 'MP03', 'MP04', 'MP05', 'MP06', 'MP07', 'MP08', 'MP09', 'MP10', 'MP11', 'MP12',
  'MP13', 'MP14', 'MP15', 'MP16', 'MP17', 'MP18', 'MP19', 'MP20', 'MP21', 'MP22', 'MP23',
] as const
export const modalitaPagamento = Type.Enum(MODALITA_PAGAMENTO)
export type ModalitaPagamento = Static<typeof modalitaPagamento>

/** CondizioniPagamentoType: TP01 instalments, TP02 full payment, TP03 advance. */
export const CONDIZIONI_PAGAMENTO = ['TP01', 'TP02', 'TP03'] as const
export const condizioniPagamento = Type.Enum(CONDIZIONI_PAGAMENTO)
export type CondizioniPagamento = Static<typeof condizioniPagamento>

/** TipoCassaType (professional pension funds). */
// prettier-ignore
export const TIPI_CASSA = [
  'TC01', 'TC02', 'TC03', 'TC04', 'TC05', 'TC06', 'TC07', 'TC08', 'TC09', 'TC10', 'TC11',
  'TC12', 'TC13', 'TC14', 'TC15', 'TC16', 'TC17', 'TC18', 'TC19', 'TC20', 'TC21', 'TC22',
] as const
export const tipoCassa = Type.Enum(TIPI_CASSA)
export type TipoCassa = Static<typeof tipoCassa>

/** TipoRitenutaType. */
export const TIPI_RITENUTA = ['RT01', 'RT02', 'RT03', 'RT04', 'RT05', 'RT06'] as const
export const tipoRitenuta = Type.Enum(TIPI_RITENUTA)
export type TipoRitenuta = Static<typeof tipoRitenuta>

/** CausalePagamentoType (the codes of the CU form); Z is still in the schema though no longer usable since 2021. */
// prettier-ignore
export const CAUSALI_PAGAMENTO = [
  'A', 'B', 'C', 'D', 'E', 'G', 'H', 'I', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z',
  'L1', 'M1', 'M2', 'O1', 'V1', 'ZO',
] as const
export const causalePagamento = Type.Enum(CAUSALI_PAGAMENTO)
export type CausalePagamento = Static<typeof causalePagamento>

/** TipoScontoMaggiorazioneType: SC discount, MG surcharge. */
export const TIPI_SCONTO_MAGGIORAZIONE = ['SC', 'MG'] as const
export const tipoScontoMaggiorazione = Type.Enum(TIPI_SCONTO_MAGGIORAZIONE)

/** TipoCessionePrestazioneType: SC discount, PR premium, AB rebate, AC ancillary expense. */
export const TIPI_CESSIONE_PRESTAZIONE = ['SC', 'PR', 'AB', 'AC'] as const
export const tipoCessionePrestazione = Type.Enum(TIPI_CESSIONE_PRESTAZIONE)

/** EsigibilitaIVAType: D deferred, I immediate, S split payment. */
export const ESIGIBILITA_IVA = ['D', 'I', 'S'] as const
export const esigibilitaIVA = Type.Enum(ESIGIBILITA_IVA)

/** SoggettoEmittenteType: CC the buyer, TZ a third party. */
export const SOGGETTI_EMITTENTI = ['CC', 'TZ'] as const
export const soggettoEmittente = Type.Enum(SOGGETTI_EMITTENTI)

/** SocioUnicoType: SU single shareholder, SM several. */
export const SOCI_UNICI = ['SU', 'SM'] as const
export const socioUnico = Type.Enum(SOCI_UNICI)

/** StatoLiquidazioneType: LS in liquidation, LN not. */
export const STATI_LIQUIDAZIONE = ['LS', 'LN'] as const
export const statoLiquidazione = Type.Enum(STATI_LIQUIDAZIONE)

/** The one-value flags of the schema: RitenutaType, BolloVirtualeType and Art73Type all allow only "SI". */
export const si = Type.Enum(['SI'] as const)
