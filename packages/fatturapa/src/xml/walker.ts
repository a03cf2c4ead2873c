import type { SaxesTagNS } from 'saxes'
import type { AttributeDecl, ComplexContent, Particle } from './content-model.ts'
import type { LocalizedText } from '../sdi/sdi-error.ts'
import {
  attach,
  childPath,
  chosenBranch,
  expectedParticle,
  hasAttributes,
  isSchemaLocation,
  occurrencePath,
  openFrame,
  otherNames,
  pathOf,
  type Frame,
  type Model,
} from './frame.ts'
import { FatturaIssueCode as Code, type FatturaIssue } from './issues.ts'
import { structureMessage as say } from './messages.ts'
import { OpaqueCapture, isNamespaceDeclaration } from './opaque-capture.ts'
import { hasNonBlank, simpleValue } from './simple-value.ts'

// Only the root has attributes in FatturaPA.
const NO_ATTRIBUTES: ReadonlyMap<string, AttributeDecl> = new Map()

/** Stops the walk at once: the document cannot be read further. */
export class WalkAbort extends Error {}

export interface WalkerOptions {
  readonly maxDepth: number
  readonly maxIssues: number
  /** Line and column of the parser, read only when an issue is recorded. */
  readonly position: () => { line: number; column: number }
}

/**
 * Builds the typed model while the SAX parser streams, checking the structure the XSD imposes (names, order,
 * occurrences, required elements, the Denominazione | Nome+Cognome choice, text in element-only content). Value facets
 * (length, pattern, enumeration) are left to the compiled validator run on the result.
 */
export class Walker {
  readonly issues: FatturaIssue[] = []
  root: Model | undefined
  #frame: Frame | undefined
  #depth = 0
  #skipDepth = 0
  // The simple element being read (kept in fields, not an object per element: this is the hot path).
  #simpleParticle: Particle | undefined
  #simpleFrame: Frame | undefined
  #text = ''
  // A CDATA section, even empty, is content: the XSD element default then no longer applies.
  #cdataSeen = false
  #capture: { capture: OpaqueCapture; particle: Particle; frame: Frame } | undefined
  #namespaceReported = false
  #rootBindings: Readonly<Record<string, string>> = {}
  readonly #rootContent: ComplexContent
  readonly #rootName: string
  readonly #rootNamespace: string
  readonly #options: WalkerOptions

  constructor(rootContent: ComplexContent, rootName: string, rootNamespace: string, options: WalkerOptions) {
    this.#rootContent = rootContent
    this.#rootName = rootName
    this.#rootNamespace = rootNamespace
    this.#options = options
  }

  report(code: Code, path: string, message: LocalizedText): void {
    const { line, column } = this.#options.position()
    this.issues.push({ code, path, message, line, column: column + 1 })
    if (this.issues.length >= this.#options.maxIssues) {
      this.issues.push({ code: Code.tooManyIssues, path: '', message: say.tooManyIssues() })
      throw new WalkAbort('too many issues')
    }
  }

  fatal(code: Code, message: LocalizedText): never {
    const { line, column } = this.#options.position()
    this.issues.push({ code, path: '', message, line, column: column + 1 })
    throw new WalkAbort(message.en)
  }

  openTag(tag: SaxesTagNS): void {
    if (++this.#depth > this.#options.maxDepth) {
      this.fatal(Code.tooDeep, say.tooDeep(this.#options.maxDepth))
    }
    if (this.#capture !== undefined) return this.#capture.capture.open(tag)
    if (this.#skipDepth > 0) {
      this.#skipDepth++
      return
    }
    if (this.#simpleParticle !== undefined && this.#simpleFrame !== undefined) {
      const frame = this.#simpleFrame
      const particle = this.#simpleParticle
      this.report(
        Code.unexpectedElement,
        `${childPath(frame, particle.name, -1)}.${tag.local}`,
        say.insideValue(tag.local, particle.name),
      )
      this.#skipDepth = 1
      return
    }
    if (this.#frame === undefined) return this.#openRoot(tag)
    this.#openChild(this.#frame, tag)
  }

  closeTag(tag: SaxesTagNS): void {
    this.#depth--
    if (this.#capture !== undefined) {
      const { capture, frame, particle } = this.#capture
      if (capture.close(tag)) {
        attach(frame, particle, { xml: capture.xml })
        this.#capture = undefined
      }
      return
    }
    if (this.#skipDepth > 0) {
      this.#skipDepth--
      return
    }
    const particle = this.#simpleParticle
    if (particle !== undefined && this.#simpleFrame !== undefined && particle.content.kind === 'simple') {
      attach(this.#simpleFrame, particle, simpleValue(this.#text, particle.content, this.#cdataSeen))
      this.#simpleParticle = undefined
      this.#simpleFrame = undefined
      return
    }
    const frame = this.#frame
    if (frame === undefined) return
    this.#checkComplete(frame)
    this.#frame = frame.parent
  }

  text(value: string): void {
    if (this.#capture !== undefined) return this.#capture.capture.text(value)
    if (this.#skipDepth > 0) return
    if (this.#simpleParticle !== undefined) {
      this.#text += value
      return
    }
    const frame = this.#frame
    if (frame !== undefined && !frame.textReported && hasNonBlank(value)) {
      frame.textReported = true
      this.report(Code.textNotAllowed, pathOf(frame), say.textNotAllowed(frame.name || this.#rootName))
    }
  }

  cdata(value: string): void {
    if (this.#simpleParticle !== undefined && this.#capture === undefined && this.#skipDepth === 0)
      this.#cdataSeen = true
    this.text(value)
  }

  #openRoot(tag: SaxesTagNS): void {
    if (tag.local !== this.#rootName || tag.uri !== this.#rootNamespace) {
      const found = tag.uri === '' ? tag.local : `{${tag.uri}}${tag.local}`
      this.fatal(Code.notFatturaPA, say.notFatturaPA(found, this.#rootName, this.#rootNamespace))
    }
    const model: Model = {}
    this.root = model
    this.#frame = openFrame(this.#rootContent, model, '', -1)
    this.#readAttributes(this.#rootContent.attributesByName, model, tag, '')
    for (const attribute of this.#rootContent.attributes) {
      if (attribute.required && model[attribute.name] === undefined) {
        this.report(Code.missingAttribute, attribute.name, say.attributeRequired(attribute.name, this.#rootName))
      }
    }
    // The ds:Signature capture re-declares what it inherits from here (the root is its parent).
    this.#rootBindings = tag.ns
  }

  /** Stores the declared attributes in `model`; reports any other (xmlns and xsi:schemaLocation are always allowed). */
  #readAttributes(declarations: ReadonlyMap<string, AttributeDecl>, model: Model, tag: SaxesTagNS, path: string): void {
    for (const key in tag.attributes) {
      const attribute = tag.attributes[key]
      if (attribute === undefined || isNamespaceDeclaration(attribute.uri) || isSchemaLocation(attribute)) continue
      const declared = attribute.uri === '' ? declarations.get(attribute.local) : undefined
      if (declared !== undefined) {
        model[declared.name] = simpleValue(attribute.value, declared.content)
        continue
      }
      this.report(Code.unexpectedAttribute, path, say.attributeNotAllowed(attribute.name, tag.local))
    }
  }

  #openChild(frame: Frame, tag: SaxesTagNS): void {
    const particle = this.#admit(frame, tag)
    if (particle === undefined) {
      this.#skipDepth = 1
      return
    }
    const content = particle.content
    if (content.kind === 'simple') {
      this.#simpleParticle = particle
      this.#simpleFrame = frame
      this.#text = ''
      this.#cdataSeen = false
      if (hasAttributes(tag)) this.#readAttributes(NO_ATTRIBUTES, frame.model, tag, childPath(frame, particle.name, -1))
    } else if (content.kind === 'complex') {
      const model: Model = {}
      const index = attach(frame, particle, model)
      this.#frame = openFrame(content, model, particle.name, index, frame)
      if (hasAttributes(tag)) this.#readAttributes(content.attributesByName, model, tag, pathOf(this.#frame))
    } else {
      this.#capture = { capture: new OpaqueCapture(this.#rootBindings), particle, frame }
      this.#capture.capture.open(tag)
    }
  }

  /** The particle a child element stands for, or undefined (after reporting why) when it must be skipped. */
  #admit(frame: Frame, tag: SaxesTagNS): Particle | undefined {
    const particle = expectedParticle(frame, tag.local) ?? frame.content.byName.get(tag.local)
    if (particle === undefined || (tag.uri !== particle.namespace && !this.#acceptQualified(frame, tag, particle))) {
      const where = frame.name || this.#rootName
      this.report(Code.unexpectedElement, childPath(frame, tag.local, -1), say.notAllowedIn(tag.name, where))
      return undefined
    }
    const count = frame.counts[particle.index] ?? 0
    if (particle.group >= 0) {
      const other = chosenBranch(frame, particle.group)
      if (other !== undefined && other !== particle.branch) {
        const message = say.notTogetherWith(particle.name, otherNames(frame, particle.group, other))
        this.report(Code.unexpectedElement, occurrencePath(frame, particle, count), message)
        return undefined
      }
    }
    if (count >= particle.maxOccurs) {
      const message = say.tooMany(particle.name, particle.maxOccurs)
      this.report(Code.tooManyOccurrences, occurrencePath(frame, particle, count), message)
      return undefined
    }
    if (particle.index >= frame.position) {
      frame.position = particle.index
    } else {
      // Still read: the content is kept (serializing the model puts it back in order), the order error is reported.
      const after = frame.content.particles[frame.position]?.name ?? ''
      this.report(Code.elementOrder, occurrencePath(frame, particle, count), say.order(particle.name, after))
    }
    frame.counts[particle.index] = count + 1
    return particle
  }

  /** Children qualified with the FatturaPA namespace are invalid; reported once, then read as if unqualified. */
  #acceptQualified(frame: Frame, tag: SaxesTagNS, particle: Particle): boolean {
    if (particle.namespace !== '' || tag.uri !== this.#rootNamespace) return false
    if (!this.#namespaceReported) {
      this.#namespaceReported = true
      const path = childPath(frame, tag.local, -1)
      this.report(Code.wrongNamespace, path, say.qualified(tag.name))
    }
    return true
  }

  #checkComplete(frame: Frame): void {
    const { content } = frame
    for (const particle of content.particles) {
      if (particle.group < 0) this.#requirePresent(frame, particle)
    }
    for (let group = 0; group < content.groups.length; group++) {
      const branch = chosenBranch(frame, group)
      const alternatives = content.groups[group] ?? []
      if (branch === undefined) {
        const names = alternatives.map((alternative) => alternative.map((particle) => particle.name).join(' + '))
        const path = childPath(frame, alternatives[0]?.[0]?.name ?? '', -1)
        this.report(Code.missingElement, path, say.choiceRequired(names))
        continue
      }
      for (const particle of alternatives[branch] ?? []) this.#requirePresent(frame, particle)
    }
  }

  #requirePresent(frame: Frame, particle: Particle): void {
    if (particle.required && frame.counts[particle.index] === 0) {
      this.report(Code.missingElement, childPath(frame, particle.name, -1), say.required(particle.name))
    }
  }
}
