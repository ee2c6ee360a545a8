import Dexie from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { fixture, T0, writeFixture } from '@test/fixture'
import { testDb } from '@test/db'
import { createBackup, restoreWentThrough, tableCounts, type BackupProgress } from './backup'
import { backupSession, PROGRESS_EVERY_MS, type BackupReply, type BackupRequest } from './backupSession'
import { openBackupSession } from './backupWorker'
import { ConsoleDb, TABLE_NAMES } from './db'

const dbs: Dexie[] = []
afterEach(async () => {
  for (const d of dbs.splice(0)) {
    d.close()
    await Dexie.delete(d.name)
  }
})
const track = <T extends Dexie>(d: T): T => (dbs.push(d), d)

const INFO = { appVersion: '0.1.0', now: T0 + 86_400_000, agent: 'Lin' }
const CTX = { agent: 'Mei', now: T0 + 90_000_000 }

async function backupFile(): Promise<{ file: Blob; source: ConsoleDb }> {
  const source = track(testDb())
  await writeFixture(source, fixture())
  return { file: new Blob([await createBackup(source, INFO)]), source }
}

async function rowsOf(db: ConsoleDb): Promise<string> {
  const out: Record<string, unknown[]> = {}
  for (const t of TABLE_NAMES) out[t] = await db.table(t).toArray()
  return JSON.stringify(out)
}

/** The worker's handler with every reply recorded; the clock moves 1 s per read, so no progress is held back. */
function session(): { handle: (m: BackupRequest) => Promise<void>; replies: BackupReply[] } {
  const replies: BackupReply[] = []
  let t = 0
  const handle = backupSession((m) => replies.push(structuredClone(m)), { now: () => (t += 1000) })
  return { handle, replies }
}

describe('backup worker protocol (backupSession)', () => {
  it('check answers progress through the steps, then a summary without rows; restore writes them with progress', async () => {
    const { file, source } = await backupFile()
    const target = track(testDb())
    await target.open()
    const { handle, replies } = session()

    await handle({ type: 'check', file, dbName: target.name })
    const steps = replies.filter((m) => m.type === 'progress').map((m) => (m as { progress: BackupProgress }).progress)
    expect(steps[0]).toEqual({ step: 'reading', done: 0, total: 0 })
    expect([...new Set(steps.map((p) => p.step))]).toEqual(['reading', 'staging', 'checking'])
    const total = Object.values(await tableCounts(source)).reduce((a, b) => a + b, 0)
    expect(steps.at(-1)).toEqual({ step: 'checking', done: total, total })
    const checked = replies.at(-1)
    expect(checked?.type).toBe('checked')
    if (checked?.type !== 'checked' || !checked.result.ok) throw new Error('not checked')
    expect(checked.result.value.counts).toEqual(await tableCounts(source))
    expect(checked.result.value.meta).toMatchObject({ agent: 'Lin', createdAt: INFO.now })
    expect(Object.keys(checked.result.value)).not.toContain('rows')
    expect(await rowsOf(target)).not.toContain('VC-') // a check changes nothing

    replies.length = 0
    await handle({ type: 'restore', ...CTX })
    const restored = replies.at(-1)
    expect(restored).toEqual({
      type: 'restored',
      result: { ok: true, value: { ...(await tableCounts(source)), events: expect.any(Number) } },
    })
    const writes = replies.filter((m) => m.type === 'progress').map((m) => (m as { progress: BackupProgress }).progress)
    expect(writes.every((p) => p.step === 'restoring')).toBe(true)
    expect(writes.at(-1)).toEqual({ step: 'restoring', done: total, total })
    expect((await target.cases.toArray()).map((c) => c.caseNumber)).toEqual((await source.cases.toArray()).map((c) => c.caseNumber))
    expect(await restoreWentThrough(target, INFO.now, CTX.now)).toBe(true)
    expect(await restoreWentThrough(target, INFO.now, CTX.now + 1)).toBe(false)
  })

  it('a refused file answers the problem; restore out of turn, a second check and a second restore are refused', async () => {
    const target = track(testDb())
    await target.open()
    const a = session()
    await a.handle({ type: 'restore', ...CTX })
    expect(a.replies).toEqual([{ type: 'failed', detail: 'restore without a checked backup' }])

    const b = session()
    await b.handle({ type: 'check', file: new Blob(['{"console": tru']), dbName: target.name })
    expect(b.replies.at(-1)).toEqual({ type: 'checked', result: { ok: false, error: { key: 'backup.problem.notJson' } } })
    await b.handle({ type: 'restore', ...CTX })
    expect(b.replies.at(-1)).toEqual({ type: 'failed', detail: 'restore without a checked backup' })

    const { file } = await backupFile()
    const c = session()
    await c.handle({ type: 'check', file, dbName: target.name })
    await c.handle({ type: 'check', file, dbName: target.name })
    expect(c.replies.at(-1)).toEqual({ type: 'failed', detail: 'one check per worker' })
    await c.handle({ type: 'restore', ...CTX })
    expect(c.replies.at(-1)?.type).toBe('restored')
    await c.handle({ type: 'restore', ...CTX })
    expect(c.replies.at(-1)).toEqual({ type: 'failed', detail: 'restore without a checked backup' })
  })

  it('a message while a request runs is refused, and progress is held to one message per interval', async () => {
    const { file } = await backupFile()
    const target = track(testDb())
    const replies: BackupReply[] = []
    const handle = backupSession((m) => replies.push(m), { now: () => 0 }) // the clock never moves
    const first = handle({ type: 'check', file, dbName: target.name })
    await handle({ type: 'restore', ...CTX })
    expect(replies).toContainEqual({ type: 'failed', detail: 'restore while busy' })
    await first
    const progress = replies.filter((m) => m.type === 'progress') as { progress: BackupProgress }[]
    // within one interval only the first message and each step's last one (done = total) go out
    expect(progress.every((m, i) => i === 0 || m.progress.done === m.progress.total)).toBe(true)
    expect(PROGRESS_EVERY_MS).toBeGreaterThan(0)
  })

  it('refuses a backup holding secrets without consent and restores it with their removal', async () => {
    // a database without the guard, as an older console or an edited file would hold it
    const source = track(new ConsoleDb(`plain-${Math.random().toString(36).slice(2)}`, { secretGuard: false }))
    const f = fixture()
    f.cases[0]!.notes = 'user says 482913'
    await writeFixture(source, f)
    const file = new Blob([await createBackup(source, INFO)])
    const target = track(testDb())
    const { handle, replies } = session()
    await handle({ type: 'check', file, dbName: target.name })
    const checked = replies.at(-1)
    if (checked?.type !== 'checked' || !checked.result.ok) throw new Error('not checked')
    expect(checked.result.value.secrets).toEqual({ count: 1, fields: [{ fieldKey: 'case.fields.notes', count: 1 }] })
    await handle({ type: 'restore', ...CTX })
    expect(replies.at(-1)).toEqual({
      type: 'restored',
      result: { ok: false, error: { key: 'backup.problem.secretsNotRemoved', params: { count: 1 } } },
    })
    expect(await target.cases.count()).toBe(0)

    const agreed = session()
    await agreed.handle({ type: 'check', file, dbName: target.name })
    await agreed.handle({ type: 'restore', ...CTX, removeSecrets: { language: 'en' } })
    expect(agreed.replies.at(-1)).toMatchObject({ type: 'restored', result: { ok: true } })
    expect((await target.cases.toArray()).map((c) => c.notes)).toContain('user says [verification code removed]')
  })
})

/** A Worker running the real handler in this thread (messages are cloned, as between threads). */
class InThreadWorker {
  onmessage: ((e: MessageEvent) => void) | null = null
  onerror: ((e: ErrorEvent) => void) | null = null
  onmessageerror: (() => void) | null = null
  terminated = false
  private handle = backupSession((m) => {
    if (!this.terminated) this.onmessage?.({ data: structuredClone(m) } as MessageEvent)
  })
  postMessage(m: BackupRequest): void {
    void this.handle(m)
  }
  terminate(): void {
    this.terminated = true
  }
}

describe('the page’s side (openBackupSession)', () => {
  it('checks, forwards progress, restores, and answers each request once', async () => {
    const { file, source } = await backupFile()
    const target = track(testDb())
    const worker = new InThreadWorker()
    const s = openBackupSession(() => worker as unknown as Worker)
    const seen: string[] = []
    const checked = await s.check(file, target.name, (p) => seen.push(p.step))
    expect(checked.kind).toBe('done')
    expect(seen).toContain('staging')
    const restored = await s.restore(CTX, (p) => seen.push(p.step))
    expect(restored).toMatchObject({ kind: 'done', value: { ok: true } })
    expect(seen.at(-1)).toBe('restoring')
    expect(await target.cases.count()).toBe(await source.cases.count())
  })

  it('cancel stops the worker at once: the request in flight answers cancelled, later ones too', async () => {
    const { file } = await backupFile()
    const target = track(testDb())
    const worker = new InThreadWorker()
    const s = openBackupSession(() => worker as unknown as Worker)
    const pending = s.check(file, target.name, () => {})
    s.cancel()
    expect(worker.terminated).toBe(true)
    expect(await pending).toEqual({ kind: 'cancelled' })
    expect(await s.restore(CTX, () => {})).toEqual({ kind: 'cancelled' })
  })

  it('a worker that fails answers failed and is stopped', async () => {
    const worker = new InThreadWorker()
    const s = openBackupSession(() => worker as unknown as Worker)
    const pending = s.check(new Blob(['x']), 'db', () => {})
    worker.onerror?.({ message: 'out of memory', preventDefault: () => {} } as ErrorEvent)
    expect(await pending).toEqual({ kind: 'failed', detail: 'out of memory' })
    expect(worker.terminated).toBe(true)
  })
})
