import type { SaxesTagNS } from 'saxes'
import type { ComplexContent, Particle } from './content-model.ts'

/* The walker's stack of open complex elements, and what it asks of them: paths for issues, choices, storage. */

const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance'

export type Model = Record<string, unknown>

/** An open complex element. */
export interface Frame {
  readonly content: ComplexContent
  readonly model: Model
  readonly name: string
  /** Index among its repeated siblings, or -1 for a single element. */
  readonly index: number
  readonly parent: Frame | undefined
  /** Occurrences of each particle so far, by particle index (cheaper than reading the model's keys). */
  readonly counts: number[]
  /** Highest particle index seen so far: a child below it is out of order. */
  position: number
  textReported: boolean
}

/** A frame for an element of type `content` that has just opened. */
export function openFrame(content: ComplexContent, model: Model, name: string, index: number, parent?: Frame): Frame {
  // Copying a packed array of zeros is cheaper than new Array(n).fill(0) (no holey array to fill and convert).
  const counts = content.zeros.slice()
  return { content, model, name, index, parent, counts, position: 0, textReported: false }
}

/** How far past the current position a child is looked for by name before the map lookup. */
const LOOKAHEAD = 6

/**
 * The particle named `name` among the current one and the next few: in a valid file a child is one of them (the
 * optional ones between are absent), and comparing a few names is cheaper than hashing the name for a map lookup.
 * Undefined when it is not there; the caller then looks it up by name.
 */
export function expectedParticle(frame: Frame, name: string): Particle | undefined {
  const particles = frame.content.particles
  const end = Math.min(particles.length, frame.position + LOOKAHEAD)
  for (let i = frame.position; i < end; i++) {
    const particle = particles[i]
    if (particle !== undefined && particle.name === name) return particle
  }
  return undefined
}

/** xsi:schemaLocation and xsi:noNamespaceSchemaLocation: allowed on any element by XSD, ignored. */
export function isSchemaLocation(attribute: { uri: string; local: string }): boolean {
  return (
    attribute.uri === XSI_NAMESPACE &&
    (attribute.local === 'schemaLocation' || attribute.local === 'noNamespaceSchemaLocation')
  )
}

/** Stores the value of the latest admitted occurrence of `particle`; returns its index among siblings, or -1. */
export function attach(frame: Frame, particle: Particle, value: unknown): number {
  if (!particle.repeated) {
    frame.model[particle.name] = value
    return -1
  }
  const index = (frame.counts[particle.index] ?? 1) - 1
  if (index === 0) frame.model[particle.name] = [value]
  else (frame.model[particle.name] as unknown[]).push(value)
  return index
}

export function hasAttributes(tag: SaxesTagNS): boolean {
  for (const _ in tag.attributes) return true
  return false
}

export function occurrencePath(frame: Frame, particle: Particle, count: number): string {
  return childPath(frame, particle.name, particle.repeated ? count : -1)
}

export function chosenBranch(frame: Frame, group: number): number | undefined {
  const alternatives = frame.content.groups[group] ?? []
  for (let branch = 0; branch < alternatives.length; branch++) {
    if (alternatives[branch]?.some((particle) => (frame.counts[particle.index] ?? 0) > 0)) return branch
  }
  return undefined
}

export function otherNames(frame: Frame, group: number, branch: number): string {
  return (frame.content.groups[group]?.[branch] ?? []).map((particle) => particle.name).join(' + ')
}

export function pathOf(frame: Frame): string {
  if (frame.parent === undefined) return ''
  const own = frame.index >= 0 ? `${frame.name}[${frame.index}]` : frame.name
  const parent = pathOf(frame.parent)
  return parent === '' ? own : `${parent}.${own}`
}

export function childPath(frame: Frame, name: string, index: number): string {
  const own = index >= 0 ? `${name}[${index}]` : name
  const parent = pathOf(frame)
  return parent === '' ? own : `${parent}.${own}`
}
