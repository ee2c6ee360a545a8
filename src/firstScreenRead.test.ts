import { afterEach, describe, expect, it, vi } from 'vitest'

const read = vi.fn((..._args: unknown[]) => Promise.resolve())
const open = vi.fn(() => Promise.reject(new Error('blocked')))
vi.mock('./data/caseList', () => ({ readFirstCasesPageEarly: read }))
vi.mock('./data/db', () => ({ getDb: () => ({ open }) }))

/** Evaluates the module afresh, as start-up does, opening at `hash`. */
async function startAt(hash: string) {
  vi.resetModules()
  vi.stubGlobal('location', { hash })
  return import('./firstScreenRead')
}

afterEach(() => {
  vi.unstubAllGlobals()
  read.mockClear()
  open.mockClear()
})

describe('firstScreenRead', () => {
  it('knows the case list and the routes that redirect to it, nothing else', async () => {
    const { opensOnCaseList } = await startAt('#/cases')
    for (const hash of ['', '#', '#/', '#/cases', '#/cases/']) expect(opensOnCaseList(hash), hash).toBe(true)
    for (const hash of ['#/cases/12', '#/cases/new', '#/reviews', '#/settings', '#/casesx', '#/x/cases'])
      expect(opensOnCaseList(hash), hash).toBe(false)
  })

  it('reads the list’s first block, newest first, when the console opens on the list', async () => {
    await (
      await startAt('#/cases')
    ).firstRowsRead
    expect(read).toHaveBeenCalledOnce()
    expect(read.mock.calls[0]!.slice(1)).toEqual([{ field: 'updatedAt', dir: 'desc' }, 50])
    expect(open).not.toHaveBeenCalled()
  })

  it('only opens the database on any other page, and settles even when that fails', async () => {
    await expect((await startAt('#/reviews')).firstRowsRead).resolves.toBeUndefined()
    expect(open).toHaveBeenCalledOnce()
    expect(read).not.toHaveBeenCalled()
  })
})
