import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { sdiDir } from './sdi-samples.ts'

const SCHEMA = join(sdiDir, 'xsd/Schema_VFPR12_v1.2.3.xsd')
const CATALOG = join(sdiDir, 'xsd/catalog.xml')

export interface ToolResult {
  readonly ok: boolean
  readonly stdout: Buffer
  readonly stderr: string
}

/** Runs an independent tool (openssl, xmlsec1, ...) and keeps what it printed. */
export function run(command: string, args: readonly string[], input?: Buffer): ToolResult {
  const result = spawnSync(command, args, { input, maxBuffer: 64 * 1024 * 1024 })
  return { ok: result.status === 0, stdout: result.stdout, stderr: result.stderr.toString() }
}

/** `openssl cms -verify -binary -inform DER -CAfile ca -in f.p7m -out content`: the content on success. */
export function opensslVerify(dir: string, p7m: Buffer, caFile: string): ToolResult {
  const file = join(dir, `verify-${process.hrtime.bigint()}.p7m`)
  writeFileSync(file, p7m)
  return run('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-CAfile', caFile, '-in', file])
}

/**
 * xmlsec1 1.2 verification of an enveloped XAdES: `--id-attr:Id SignedProperties` and `--id-attr:Id KeyInfo` declare
 * the Id attributes of those elements as XML IDs (there is no DTD or schema to say so), so `#...` references resolve.
 */
export function xmlsecVerify(dir: string, xml: Buffer, caFile: string): ToolResult {
  const file = join(dir, `verify-${process.hrtime.bigint()}.xml`)
  writeFileSync(file, xml)
  return run('xmlsec1', [
    '--verify',
    '--trusted-pem',
    caFile,
    '--id-attr:Id',
    'SignedProperties',
    '--id-attr:Id',
    'KeyInfo',
    file,
  ])
}

// xmllint (libxml2-utils) is not installed here; libxml2 itself is, so the schema check calls it through Python's
// ctypes. The OASIS catalog maps the XML-DSig schema import to the local copy; the no-network loader forbids fetching.
const VALIDATOR = `
import ctypes, sys
lib = ctypes.CDLL('libxml2.so.2')
for name, res in [('xmlSchemaNewParserCtxt', ctypes.c_void_p), ('xmlSchemaParse', ctypes.c_void_p), ('xmlSchemaNewValidCtxt', ctypes.c_void_p)]:
    getattr(lib, name).restype = res
lib.xmlSchemaParse.argtypes = [ctypes.c_void_p]
lib.xmlSchemaNewValidCtxt.argtypes = [ctypes.c_void_p]
lib.xmlSchemaValidateFile.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
lib.xmlInitParser()
lib.xmlSetExternalEntityLoader(lib.xmlNoNetExternalEntityLoader)
lib.xmlLoadCatalog(sys.argv[1].encode())
schema = lib.xmlSchemaParse(lib.xmlSchemaNewParserCtxt(sys.argv[2].encode()))
if not schema: sys.exit(3)
sys.exit(1 if lib.xmlSchemaValidateFile(lib.xmlSchemaNewValidCtxt(schema), sys.argv[3].encode(), 0) != 0 else 0)
`

/** FatturaPA 1.2.3 schema validation with libxml2 against the official XSD in ../shared/sdi. */
export function schemaValidate(dir: string, xml: Buffer): ToolResult {
  const script = join(dir, 'xsd-validate.py')
  writeFileSync(script, VALIDATOR)
  const file = join(dir, `xsd-${process.hrtime.bigint()}.xml`)
  writeFileSync(file, xml)
  return run('python3', [script, CATALOG, SCHEMA, file])
}
