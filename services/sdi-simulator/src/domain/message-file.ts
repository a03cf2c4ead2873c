import { serializeSdiMessage, SDI_MESSAGE_ROOTS, type SdiMessage } from '@varco/fatturapa'
import { signXades, type Signer } from '@varco/signature'

const SIGNED_ROOTS = new Set(SDI_MESSAGE_ROOTS.filter((root) => root.signed).map((r) => `${r.family}:${r.root}`))

/**
 * A message as SdI sends it: UTF-8 XML, XAdES-BES signed (enveloped, SdI's own profile) by the simulator's
 * certificate when the schema wants a signature (every SdI-issued message but MT).
 */
export async function messageFile(message: SdiMessage, signer: Signer, signingTime?: Date): Promise<Buffer> {
  const xml = Buffer.from(serializeSdiMessage(message), 'utf8')
  if (!SIGNED_ROOTS.has(`${message.family}:${message.root}`)) return xml
  return signXades(xml, signer, signingTime === undefined ? {} : { signingTime })
}
