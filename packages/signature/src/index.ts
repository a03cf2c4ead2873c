export { signCades, type CadesSignOptions } from './cades/sign.ts'
export { verifyCades } from './cades/verify.ts'
export { decodeP7m, type P7mEncoding } from './cades/decode.ts'
export {
  SignatureIdentityInvalid,
  SignatureInputInvalid,
  SignatureOptionInvalid,
  SignatureSignFailed,
  SignatureTokenError,
} from './errors.ts'
export { detectFormat, extractContent, signFile, verifyFile, type SignFileOptions } from './files.ts'
export { unwrapSignedFile, type SignedFileOutcome, type UnwrapOptions } from './signed-file.ts'
export { loadPemIdentity, type PemIdentityOptions } from './identities/pem.ts'
export { loadPkcs12Identity, type Pkcs12IdentityOptions } from './identities/pkcs12.ts'
export { openPkcs11Identity, type Pkcs11IdentityOptions, type Pkcs11Signer } from './identities/pkcs11.ts'
export { type SignatureAlgorithm, type Signer, type SignerDescription } from './signer.ts'
export { type RevocationCheck, type VerifyOptions } from './verify/options.ts'
export {
  SDI_SIGNATURE_CODES,
  type SdiSignatureCode,
  type SignatureFormat,
  type SignatureProblem,
  type SignerSummary,
  type Verdict,
} from './verify/verdict.ts'
export { parseCertificate, serialDecimal, type CertificateInfo, type KeyUsage } from './x509/certificate.ts'
export { readCertificates, trustStoreFrom, type TrustStore } from './x509/trust.ts'
export { signXades, type XadesSignOptions } from './xades/sign.ts'
export { verifyXades } from './xades/verify.ts'
