/** Marks the end of an exhaustive switch over a union: adding a member without handling it fails to compile. */
export function assertNever(value: never, what = 'value'): never {
  throw new TypeError(`Unexpected ${what}: ${JSON.stringify(value)}`)
}
