import { Agent, type ServerOptions } from 'node:https'
import { createSecureContext, type SecureContext } from 'node:tls'
import { SdiSoapConfigInvalid } from '../errors.ts'

type Pem = string | Buffer

/**
 * One side of a mutual TLS channel (FACTS.md section 2: SdICoop authenticates both ends with X.509 certificates that
 * SdI issues at channel accreditation; there is no WS-Security).
 */
export interface TlsIdentity {
  /** Our certificate, PEM, optionally followed by its intermediates. */
  readonly cert: Pem
  /** Its private key, PEM. */
  readonly key: Pem
  readonly passphrase?: string
  /**
   * The CA certificate(s) the peer's certificate must chain to. They replace Node's default roots for this channel:
   * a certificate from any other CA, however public, is refused.
   */
  readonly ca: Pem | readonly Pem[]
}

function checked(identity: TlsIdentity): TlsIdentity {
  const empty = (pem: Pem): boolean => pem.length === 0
  if (empty(identity.cert) || empty(identity.key))
    throw new SdiSoapConfigInvalid('TLS certificate and key are required')
  const cas = Array.isArray(identity.ca) ? identity.ca : [identity.ca as Pem]
  if (cas.length === 0 || cas.some(empty))
    throw new SdiSoapConfigInvalid('a CA certificate to verify the peer is required')
  return identity
}

/**
 * Options for `https.createServer` that require every client to present a certificate signed by `identity.ca`: a
 * client without one, or with one from another CA, is refused during the TLS handshake, before any HTTP is read.
 */
export function mutualTlsServerOptions(identity: TlsIdentity): ServerOptions {
  const { cert, key, passphrase, ca } = checked(identity)
  return {
    cert,
    key,
    passphrase,
    ca: ca as Pem | Pem[],
    requestCert: true,
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2',
  }
}

export interface MutualTlsAgentOptions {
  /** Sockets kept per host (the in-flight calls); default 32. */
  readonly maxSockets?: number
  /**
   * Idle sockets are closed after this many ms; default 4 000, under the 5 s keep-alive timeout of Node servers, so
   * a call rarely picks a socket the server is closing at that moment.
   */
  readonly idleTimeoutMs?: number
}

/**
 * A keep-alive HTTPS agent that presents our client certificate and verifies the server's against `identity.ca`
 * (host name included). Reusing connections spares a TLS handshake per call, the largest cost of a small call.
 * The certificate, key and CA go in as one prebuilt secure context: given as PEM options, Node would hash them all
 * (kilobytes) into the agent's pool key on every request, and build a context per new socket.
 */
export function mutualTlsAgent(identity: TlsIdentity, options: MutualTlsAgentOptions = {}): Agent {
  const { cert, key, passphrase, ca } = checked(identity)
  let secureContext: SecureContext
  try {
    secureContext = createSecureContext({ cert, key, passphrase, ca: ca as Pem | Pem[], minVersion: 'TLSv1.2' })
  } catch (err) {
    // Built up front, unreadable PEMs (or a wrong passphrase) are found here rather than at the first connection.
    throw new SdiSoapConfigInvalid(
      `unusable TLS certificate, key or CA (${err instanceof Error ? err.message : String(err)})`,
    )
  }
  return new Agent({
    keepAlive: true,
    maxSockets: options.maxSockets ?? 32,
    timeout: options.idleTimeoutMs ?? 4_000,
    scheduling: 'lifo',
    secureContext,
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2',
  })
}
