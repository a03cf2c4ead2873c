import { describe, expect, it } from 'vitest'
import { ipLiteralOf, isNonPublicAddress, refusedAddress, refusedUrl } from '../../src/webhooks/domain/destination.ts'

const strict = { allowHttp: false, allowPrivateNetworks: false }
const dev = { allowHttp: true, allowPrivateNetworks: true }

describe('which addresses are not public', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'ff02::1',
    '::ffff:10.0.0.1',
    '::ffff:127.0.0.1',
    'not-an-ip',
  ])('%s is not public', (address) => {
    expect(isNonPublicAddress(address)).toBe(true)
  })

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    '%s is public',
    (address) => {
      expect(isNonPublicAddress(address)).toBe(false)
    },
  )

  it('refuses a non-public address unless private networks are allowed, and says how to allow them', () => {
    expect(refusedAddress(strict, '10.0.0.5')).toMatch(/10\.0\.0\.5 is not a public address .*WEBHOOK_ALLOW_PRIVATE/)
    expect(refusedAddress(dev, '10.0.0.5')).toBeUndefined()
    expect(refusedAddress(strict, '8.8.8.8')).toBeUndefined()
  })

  it('reads IP literals of URLs, bracketed IPv6 too; a name is not one', () => {
    expect(ipLiteralOf('10.0.0.1')).toBe('10.0.0.1')
    expect(ipLiteralOf('[::1]')).toBe('::1')
    expect(ipLiteralOf('hooks.example.com')).toBeUndefined()
  })
})

describe('which subscription URLs are accepted', () => {
  it('accepts a public https URL with a port, a path and a query', () => {
    expect(refusedUrl(strict, 'https://hooks.example.com:8443/varco/in?source=varco')).toBeUndefined()
  })

  it.each([
    ['not a url', 'not an absolute URL'],
    ['/relative/path', 'not an absolute URL'],
    ['ftp://example.com/x', 'the scheme ftp: is not https:'],
    ['file:///etc/passwd', 'the scheme file: is not https:'],
    ['javascript:alert(1)', 'the scheme javascript: is not https:'],
    ['gopher://example.com', 'the scheme gopher: is not https:'],
    ['http://hooks.example.com/x', 'only https:// URLs are accepted'],
    ['https://user:pass@hooks.example.com/x', 'credentials in the URL are not accepted'],
    ['https://user@hooks.example.com/x', 'credentials in the URL are not accepted'],
    ['https://hooks.example.com/x#frag', 'a fragment is not accepted'],
    ['https://hooks.example.com/x#', 'a fragment is not accepted'],
    ['https://127.0.0.1/x', '127.0.0.1 is not a public address'],
    ['https://[::1]/x', '::1 is not a public address'],
    ['https://169.254.169.254/latest/meta-data', '169.254.169.254 is not a public address'],
    ['https://2130706433/x', '127.0.0.1 is not a public address'], // the WHATWG parser normalises decimal IPv4
    ['https://0x7f.1/x', '127.0.0.1 is not a public address'],
    ['https://localhost/x', 'localhost is not a public host'],
    ['https://api.localhost/x', 'api.localhost is not a public host'],
  ])('refuses %s', (url, reason) => {
    expect(refusedUrl(strict, url)).toContain(reason)
  })

  it('refuses a URL over 2048 characters', () => {
    expect(refusedUrl(strict, `https://example.com/${'a'.repeat(2048)}`)).toBe('longer than 2048 characters')
  })

  it('accepts http and private addresses only when configured', () => {
    expect(refusedUrl(dev, 'http://127.0.0.1:8080/hook')).toBeUndefined()
    expect(refusedUrl(dev, 'http://localhost:8080/hook')).toBeUndefined()
    expect(refusedUrl({ allowHttp: true, allowPrivateNetworks: false }, 'http://10.0.0.1/hook')).toContain(
      'not a public address',
    )
    expect(refusedUrl({ allowHttp: false, allowPrivateNetworks: true }, 'http://10.0.0.1/hook')).toBe(
      'only https:// URLs are accepted',
    )
  })

  it('never accepts credentials or other schemes, whatever the configuration', () => {
    expect(refusedUrl(dev, 'http://a:b@127.0.0.1/x')).toBe('credentials in the URL are not accepted')
    expect(refusedUrl(dev, 'ws://127.0.0.1/x')).toBe('the scheme ws: is not https:')
  })
})
