import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, reactive } from 'vue'
import { completeUserKeys, type UserKeys } from '@/domain/case/identity'
import type { CaseRecord } from '@/domain/model'
import type { Result } from '@/domain/result'
import { useSameUserCheck } from './useSameUserCheck'

const record = (caseNumber: string): CaseRecord => ({ caseNumber }) as CaseRecord

function setup(find: (keys: UserKeys) => Promise<Result<CaseRecord[]>>) {
  const form = reactive({ uid: '', phone: '', email: '' })
  const scope = effectScope()
  const check = scope.run(() => useSameUserCheck(() => completeUserKeys(form), find, 300))!
  return { form, check, scope }
}

/** Lets the debounce pass and the (resolved) query answer. */
async function settle(ms = 300): Promise<void> {
  await nextTick()
  await vi.advanceTimersByTimeAsync(ms)
}

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

describe('useSameUserCheck', () => {
  it('asks once a field is complete and typing pauses, not for every keystroke', async () => {
    const find = vi.fn((keys: UserKeys) => Promise.resolve<Result<CaseRecord[]>>({ ok: true, value: keys.uid ? [record('VC-1')] : [] }))
    const { form, check } = setup(find)
    for (const partial of ['9', '99', '998', '9988']) {
      form.uid = partial
      await settle(50)
    }
    expect(find).not.toHaveBeenCalled() // four digits are not a UID yet
    form.uid = '99887'
    await settle(100)
    form.uid = '998877'
    await settle(100)
    expect(find).not.toHaveBeenCalled()
    await settle(300)
    expect(find).toHaveBeenCalledTimes(1)
    expect(find).toHaveBeenCalledWith({ uid: '998877', phoneE164: null, emailLower: null })
    expect(check.matches.value.map((c) => c.caseNumber)).toEqual(['VC-1'])
  })

  it('checks a phone or an email on its own', async () => {
    const find = vi.fn(() => Promise.resolve<Result<CaseRecord[]>>({ ok: true, value: [] }))
    const { form } = setup(find)
    form.phone = '138 0013 8000'
    await settle()
    form.email = 'li@qq.com'
    await settle()
    expect(find.mock.calls).toEqual([
      [{ uid: null, phoneE164: '+8613800138000', emailLower: null }],
      [{ uid: null, phoneE164: '+8613800138000', emailLower: 'li@qq.com' }],
    ])
  })

  it('drops an answer for keys the form no longer holds', async () => {
    let answer: (r: Result<CaseRecord[]>) => void = () => {}
    const find = vi.fn(() => new Promise<Result<CaseRecord[]>>((resolve) => (answer = resolve)))
    const { form, check } = setup(find)
    form.uid = '11223344'
    await settle()
    expect(find).toHaveBeenCalledTimes(1)
    form.uid = '' // cleared while the query was running
    await nextTick()
    answer({ ok: true, value: [record('VC-OLD')] })
    await settle()
    expect(check.matches.value).toEqual([])
  })

  it('empties the list when no complete value is left, and keeps a failure to show', async () => {
    const find = vi
      .fn<(keys: UserKeys) => Promise<Result<CaseRecord[]>>>()
      .mockResolvedValueOnce({ ok: true, value: [record('VC-1')] })
      .mockResolvedValueOnce({ ok: false, error: { key: 'errors.storage.generic', params: { detail: 'x' } } })
    const { form, check } = setup(find)
    form.uid = '11223344'
    await settle()
    expect(check.matches.value).toHaveLength(1)
    form.uid = '1122'
    await settle()
    expect(check.matches.value).toEqual([])
    form.uid = '55667788'
    await settle()
    expect(check.failure.value?.key).toBe('errors.storage.generic')
    check.reset()
    expect(check.failure.value).toBeNull()
  })

  it('runs nothing after its component is gone', async () => {
    const find = vi.fn(() => Promise.resolve<Result<CaseRecord[]>>({ ok: true, value: [] }))
    const { form, scope } = setup(find)
    form.uid = '11223344'
    await nextTick()
    scope.stop()
    await settle()
    expect(find).not.toHaveBeenCalled()
  })
})
