import { BlockList, isIP } from 'node:net'

// Where a webhook may be sent. The gateway runs inside an intermediary's network, next to its database, Kafka and
// cloud metadata endpoint; a tenant's URL must not turn it into a proxy to them (SSRF). So by default only public
// addresses are reached, checked on the address actually connected to (after DNS, so a name that resolves to
// 10.0.0.5, or rebinds to it later, is refused too). Self-hosters who deliver to their own LAN opt in.

export interface DestinationPolicy {
  /** http:// besides https:// (development and tests only). */
  readonly allowHttp: boolean
  /** Loopback, private, link-local and other non-public addresses. */
  readonly allowPrivateNetworks: boolean
}

const nonPublic = new BlockList()
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  nonPublic.addSubnet(network, prefix, 'ipv4')
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  nonPublic.addSubnet(network, prefix, 'ipv6')
}

/** An IPv4 address mapped into IPv6 (::ffff:10.0.0.1) is the IPv4 address. */
function unmapped(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return { address: mapped[1]!, family: 'ipv4' }
  return { address, family: isIP(address) === 6 ? 'ipv6' : 'ipv4' }
}

/** Whether an IP address is outside the public internet (loopback, private, link-local, reserved, ...). */
export function isNonPublicAddress(address: string): boolean {
  if (isIP(address) === 0) return true
  const { address: plain, family } = unmapped(address)
  return nonPublic.check(plain, family)
}

/** Why a resolved address may not be connected to under the policy; undefined when it may. */
export function refusedAddress(policy: DestinationPolicy, address: string): string | undefined {
  if (policy.allowPrivateNetworks || !isNonPublicAddress(address)) return undefined
  return `${address} is not a public address (set WEBHOOK_ALLOW_PRIVATE_NETWORKS=true to deliver to it)`
}

/** An IP literal hostname without IPv6 brackets; undefined for a name. */
export function ipLiteralOf(hostname: string): string | undefined {
  const plain = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname
  return isIP(plain) === 0 ? undefined : plain
}

/**
 * Why a subscription URL is refused; undefined when it is accepted. Refused: anything not absolute http(s), http
 * unless allowed, credentials in the URL (they would travel to every redirect target and into logs), a fragment (never
 * sent), and an IP literal outside the policy. Names are checked when connecting, on the resolved addresses.
 */
export function refusedUrl(policy: DestinationPolicy, text: string): string | undefined {
  if (text.length > 2048) return 'longer than 2048 characters'
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return 'not an absolute URL'
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `the scheme ${url.protocol} is not https:`
  if (url.protocol === 'http:' && !policy.allowHttp) return 'only https:// URLs are accepted'
  if (url.username !== '' || url.password !== '') return 'credentials in the URL are not accepted'
  if (url.hash !== '' || text.includes('#')) return 'a fragment is not accepted'
  if (url.hostname === '') return 'no host'
  const literal = ipLiteralOf(url.hostname)
  if (literal !== undefined) return refusedAddress(policy, literal)
  if (!policy.allowPrivateNetworks && /^localhost\.?$|\.localhost\.?$/i.test(url.hostname)) {
    return `${url.hostname} is not a public host (set WEBHOOK_ALLOW_PRIVATE_NETWORKS=true to deliver to it)`
  }
  return undefined
}
