import type { TSchema } from 'typebox'
import {
  B2bFileMetadati,
  B2bRicevutaConsegna,
  B2bRicevutaImpossibilitaRecapito,
  B2bRicevutaScarto,
} from './b2b-messages.ts'
import {
  PaMetadatiInvioFile,
  PaNotificaDecorrenzaTermini,
  PaNotificaEsitoCommittente,
  PaScartoEsitoCommittente,
} from './pa-recipient-messages.ts'
import {
  PaAttestazioneTrasmissioneFattura,
  PaNotificaEsito,
  PaNotificaMancataConsegna,
  PaNotificaScarto,
  PaRicevutaConsegna,
} from './pa-transmitter-messages.ts'

/** Target namespace of MessaggiTypes v1.1 (messages of the FPA12 flows). */
export const PA_MESSAGES_NAMESPACE = 'http://www.fatturapa.gov.it/sdi/messaggi/v1.0'
/** Target namespace of MessaggiFatturaTypes v1.0 (messages of the FPR12 flows). */
export const B2B_MESSAGES_NAMESPACE = 'http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fattura/messaggi/v1.0'

/** The message types, as in message file names (`..._RC_001.xml`). */
export const SDI_MESSAGE_KINDS = ['RC', 'NS', 'MC', 'NE', 'AT', 'DT', 'MT', 'EC', 'SE'] as const
export type SdiMessageKind = (typeof SDI_MESSAGE_KINDS)[number]

/** `pa`: MessaggiTypes (FPA12 flows); `b2b`: MessaggiFatturaTypes (FPR12 flows). */
export type SdiMessageFamily = 'pa' | 'b2b'

interface MessageOf<K extends SdiMessageKind, F extends SdiMessageFamily, R extends string, D> {
  readonly kind: K
  readonly family: F
  /** The root element's local name. */
  readonly root: R
  readonly data: D
}

/**
 * A typed SdI message: which one (kind, family, root element) and its content. The B2B roots map to the kinds of
 * their PA counterparts: RicevutaScarto is an NS, RicevutaImpossibilitaRecapito an MC, FileMetadati an MT.
 */
export type SdiMessage =
  | MessageOf<'RC', 'pa', 'RicevutaConsegna', PaRicevutaConsegna>
  | MessageOf<'NS', 'pa', 'NotificaScarto', PaNotificaScarto>
  | MessageOf<'MC', 'pa', 'NotificaMancataConsegna', PaNotificaMancataConsegna>
  | MessageOf<'NE', 'pa', 'NotificaEsito', PaNotificaEsito>
  | MessageOf<'AT', 'pa', 'AttestazioneTrasmissioneFattura', PaAttestazioneTrasmissioneFattura>
  | MessageOf<'DT', 'pa', 'NotificaDecorrenzaTermini', PaNotificaDecorrenzaTermini>
  | MessageOf<'MT', 'pa', 'MetadatiInvioFile', PaMetadatiInvioFile>
  | MessageOf<'EC', 'pa', 'NotificaEsitoCommittente', PaNotificaEsitoCommittente>
  | MessageOf<'SE', 'pa', 'ScartoEsitoCommittente', PaScartoEsitoCommittente>
  | MessageOf<'RC', 'b2b', 'RicevutaConsegna', B2bRicevutaConsegna>
  | MessageOf<'NS', 'b2b', 'RicevutaScarto', B2bRicevutaScarto>
  | MessageOf<'MC', 'b2b', 'RicevutaImpossibilitaRecapito', B2bRicevutaImpossibilitaRecapito>
  | MessageOf<'MT', 'b2b', 'FileMetadati', B2bFileMetadati>

/** What the codec knows about one message root. */
export interface SdiMessageRoot {
  readonly kind: SdiMessageKind
  readonly family: SdiMessageFamily
  readonly root: string
  readonly namespace: string
  readonly schema: TSchema
  /** The XSD requires ds:Signature (every SdI-issued message; not EC, where it is optional, nor MT). */
  readonly signed: boolean
}

type RootKey<M extends SdiMessage> = `${M['family']}:${M['root']}`
type RootEntry<M extends SdiMessage> = { readonly kind: M['kind']; readonly schema: TSchema; readonly signed: boolean }

// Keyed by family and root, typed against SdiMessage: a root missing here, or a wrong kind, does not compile.
const ROOTS: { readonly [M in SdiMessage as RootKey<M>]: RootEntry<M> } = {
  'pa:RicevutaConsegna': { kind: 'RC', schema: PaRicevutaConsegna, signed: true },
  'pa:NotificaScarto': { kind: 'NS', schema: PaNotificaScarto, signed: true },
  'pa:NotificaMancataConsegna': { kind: 'MC', schema: PaNotificaMancataConsegna, signed: true },
  'pa:NotificaEsito': { kind: 'NE', schema: PaNotificaEsito, signed: true },
  'pa:AttestazioneTrasmissioneFattura': { kind: 'AT', schema: PaAttestazioneTrasmissioneFattura, signed: true },
  'pa:NotificaDecorrenzaTermini': { kind: 'DT', schema: PaNotificaDecorrenzaTermini, signed: true },
  'pa:MetadatiInvioFile': { kind: 'MT', schema: PaMetadatiInvioFile, signed: false },
  'pa:NotificaEsitoCommittente': { kind: 'EC', schema: PaNotificaEsitoCommittente, signed: false },
  'pa:ScartoEsitoCommittente': { kind: 'SE', schema: PaScartoEsitoCommittente, signed: true },
  'b2b:RicevutaConsegna': { kind: 'RC', schema: B2bRicevutaConsegna, signed: true },
  'b2b:RicevutaScarto': { kind: 'NS', schema: B2bRicevutaScarto, signed: true },
  'b2b:RicevutaImpossibilitaRecapito': { kind: 'MC', schema: B2bRicevutaImpossibilitaRecapito, signed: true },
  'b2b:FileMetadati': { kind: 'MT', schema: B2bFileMetadati, signed: false },
}

const NAMESPACES: Readonly<Record<SdiMessageFamily, string>> = {
  pa: PA_MESSAGES_NAMESPACE,
  b2b: B2B_MESSAGES_NAMESPACE,
}

/** Every message root of both schemas. */
export const SDI_MESSAGE_ROOTS: readonly SdiMessageRoot[] = Object.entries(ROOTS).map(([key, entry]) => {
  const [family, root] = key.split(':') as [SdiMessageFamily, string]
  return { ...entry, family, root, namespace: NAMESPACES[family] }
})

const BY_QNAME = new Map(SDI_MESSAGE_ROOTS.map((root) => [`{${root.namespace}}${root.root}`, root]))
const BY_KEY = new Map(SDI_MESSAGE_ROOTS.map((root) => [`${root.family}:${root.root}`, root]))

/** The message root for an element, by namespace URI and local name; undefined when it is not one. */
export function findRootByElement(namespace: string, local: string): SdiMessageRoot | undefined {
  return BY_QNAME.get(`{${namespace}}${local}`)
}

/** The message root for a family and root name (as in SdiMessage); undefined when there is none. */
export function findRootByName(family: unknown, root: unknown): SdiMessageRoot | undefined {
  return typeof family === 'string' && typeof root === 'string' ? BY_KEY.get(`${family}:${root}`) : undefined
}
