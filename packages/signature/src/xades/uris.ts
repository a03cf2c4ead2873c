/** Namespaces and algorithm URIs of XML-DSig and XAdES as the SdI profile uses them. */
export const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#'
export const XADES_NS = 'http://uri.etsi.org/01903/v1.3.2#'
export const FILTER2_NS = 'http://www.w3.org/2002/06/xmldsig-filter2'

export const SIGNED_PROPERTIES_TYPE = 'http://uri.etsi.org/01903#SignedProperties'

export const C14N = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315'
export const C14N_WITH_COMMENTS = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments'
export const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#'
export const EXC_C14N_WITH_COMMENTS = 'http://www.w3.org/2001/10/xml-exc-c14n#WithComments'
export const FILTER2 = 'http://www.w3.org/2002/06/xmldsig-filter2'
export const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature'

/** The single XPath Filter 2.0 form supported, the one SdI uses and prescribes. */
export const FILTER2_SUBTRACT_SIGNATURES = '/descendant::ds:Signature'

export const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256'
export const SHA512 = 'http://www.w3.org/2001/04/xmlenc#sha512'

/** Digest methods accepted in references and CertDigest (SHA-1 is not: see the package README). */
export const DIGEST_METHODS: ReadonlyMap<string, 'sha256' | 'sha512'> = new Map([
  [SHA256, 'sha256'],
  [SHA512, 'sha512'],
])

export const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256'
export const ECDSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256'

/** Signature methods accepted when verifying: key type and hash. */
export const SIGNATURE_METHODS: ReadonlyMap<string, { readonly key: 'rsa' | 'ec'; readonly hash: string }> = new Map([
  [RSA_SHA256, { key: 'rsa', hash: 'sha256' }],
  ['http://www.w3.org/2001/04/xmldsig-more#rsa-sha384', { key: 'rsa', hash: 'sha384' }],
  ['http://www.w3.org/2001/04/xmldsig-more#rsa-sha512', { key: 'rsa', hash: 'sha512' }],
  [ECDSA_SHA256, { key: 'ec', hash: 'sha256' }],
  ['http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384', { key: 'ec', hash: 'sha384' }],
  ['http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512', { key: 'ec', hash: 'sha512' }],
])

export const CANONICALIZATIONS: ReadonlySet<string> = new Set([
  C14N,
  C14N_WITH_COMMENTS,
  EXC_C14N,
  EXC_C14N_WITH_COMMENTS,
])
