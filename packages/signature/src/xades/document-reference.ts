import {
  C14nCanonicalization,
  C14nCanonicalizationWithComments,
  ExclusiveCanonicalization,
  ExclusiveCanonicalizationWithComments,
  type CanonicalizationOrTransformationAlgorithmProcessOptions as ProcessOptions,
  type SignedXml,
} from 'xml-crypto'
import { C14N, C14N_WITH_COMMENTS, ENVELOPED, EXC_C14N, EXC_C14N_WITH_COMMENTS, FILTER2 } from './uris.ts'

/** The octets of the URI="" reference: the original document minus its signature(s), canonicalised. */
export type DocumentCanonicalizer = (exclusive: boolean, inclusivePrefixes: readonly string[]) => string

/** Told of every other canonical form xml-crypto computes, with the local name of the element canonicalised. */
export type CanonicalObserver = (localName: string, canonical: string) => void

type Canonicalizer = new () => { process(node: unknown, options: ProcessOptions): string }
// A transform that outputs a node-set (the node it was given), as xml-crypto lets a transform do.
type NodeSetTransform = new () => { getAlgorithmName(): string; process(node: unknown): unknown }

/**
 * Makes the URI="" reference of one SignedXml instance use the whole original document.
 *
 * xml-crypto only ever sees a small document holding the ds:Signature (parsing and canonicalising a whole invoice in
 * JS is what makes it slow), and its URI="" handling selects the root element only, losing processing instructions
 * before it (`<?xml-stylesheet?>`, common in FatturaPA files and present in SdI's messages). So the transforms that
 * start the document reference — XPath Filter 2.0 (the SdI profile; `subtract /descendant::ds:Signature` is checked
 * separately, xml-crypto does not pass transform parameters) and enveloped-signature — mark the node they receive,
 * and the canonicalisation that follows returns the document's canonical form computed by our scanner instead of
 * canonicalising that placeholder. The marker is the very object the transform returned, so no other reference can
 * trigger the substitution. Registered per instance: nothing global changes.
 */
export function bindDocumentReference(
  signedXml: SignedXml,
  canonicalize: DocumentCanonicalizer,
  observe?: CanonicalObserver,
): void {
  let selected: unknown
  const selecting = (algorithm: string): NodeSetTransform =>
    class {
      getAlgorithmName(): string {
        return algorithm
      }
      process(node: unknown): unknown {
        selected = node
        return node
      }
    }
  const bound = (Base: Canonicalizer, exclusive: boolean): Canonicalizer =>
    class extends Base {
      override process(node: unknown, options: ProcessOptions): string {
        if (node !== selected || selected === undefined) {
          const canonical = super.process(node, options)
          observe?.((node as { localName?: string }).localName ?? '', canonical)
          return canonical
        }
        selected = undefined
        const prefixes = exclusive
          ? (options.inclusiveNamespacesPrefixList ?? []).map((p) => (p === '#default' ? '' : p))
          : []
        return canonicalize(exclusive, prefixes)
      }
    }
  signedXml.CanonicalizationAlgorithms = {
    ...signedXml.CanonicalizationAlgorithms,
    [FILTER2]: selecting(FILTER2),
    [ENVELOPED]: selecting(ENVELOPED),
    [C14N]: bound(C14nCanonicalization, false),
    [C14N_WITH_COMMENTS]: bound(C14nCanonicalizationWithComments, false),
    [EXC_C14N]: bound(ExclusiveCanonicalization, true),
    [EXC_C14N_WITH_COMMENTS]: bound(ExclusiveCanonicalizationWithComments, true),
  } as unknown as SignedXml['CanonicalizationAlgorithms']
}
