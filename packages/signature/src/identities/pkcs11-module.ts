import pkcs11js from 'pkcs11js'
import { SignatureTokenError } from '../errors.ts'

type Pkcs11 = InstanceType<typeof pkcs11js.PKCS11>

interface LoadedModule {
  readonly pkcs11: Pkcs11
  users: number
  /** False when the host process had initialised the module already: then it is not ours to finalise. */
  readonly initialised: boolean
}

// A PKCS#11 library is initialised once per process: identities on the same module share it, and the last one to
// close finalises it.
const modules = new Map<string, LoadedModule>()

/** Loads and initialises a PKCS#11 module (C_Initialize with OS locking: signing runs on libuv threads). */
export function acquireModule(path: string): Pkcs11 {
  let loaded = modules.get(path)
  if (loaded === undefined) {
    const pkcs11 = new pkcs11js.PKCS11()
    let initialised = true
    try {
      pkcs11.load(path)
      pkcs11.C_Initialize({ flags: pkcs11js.CKF_OS_LOCKING_OK })
    } catch (err) {
      if ((err as { code?: number }).code !== pkcs11js.CKR_CRYPTOKI_ALREADY_INITIALIZED) {
        throw new SignatureTokenError(`cannot load PKCS#11 module '${path}'`, { cause: err })
      }
      initialised = false
    }
    loaded = { pkcs11, users: 0, initialised }
    modules.set(path, loaded)
  }
  loaded.users++
  return loaded.pkcs11
}

export function releaseModule(path: string): void {
  const loaded = modules.get(path)
  if (loaded === undefined) return
  loaded.users--
  if (loaded.users > 0) return
  modules.delete(path)
  try {
    if (loaded.initialised) loaded.pkcs11.C_Finalize()
    loaded.pkcs11.close()
  } catch {
    // Finalising is best effort: the process keeps nothing the module could leak.
  }
}

export { pkcs11js }
