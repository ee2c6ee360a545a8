import { StorageError, toStorageProblem } from '@/domain/storageError'

/** Runs a storage operation and rethrows failures as StorageError with a plain-words Problem. */
export async function guarded<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op()
  } catch (err) {
    if (err instanceof StorageError) throw err
    throw new StorageError(toStorageProblem(err), err)
  }
}
