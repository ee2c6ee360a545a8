import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import { GUARD_DEBOUNCE_MS, useSecretFindings } from './useSecretFindings'

describe('useSecretFindings', () => {
  beforeEach(() => void vi.useFakeTimers())
  afterEach(() => void vi.useRealTimers())

  it('checks the first text at once, then only when typing pauses', async () => {
    const scope = effectScope()
    const text = ref('code 123456')
    const findings = scope.run(() => useSecretFindings(() => text.value))!
    expect(findings.value.map((f) => f.kind)).toEqual(['verification-code'])

    // typing on: nothing re-checked until the pause
    text.value = 'code 123456, key JBSWY3DPEHPK3PXP'
    await nextTick()
    vi.advanceTimersByTime(GUARD_DEBOUNCE_MS - 50)
    text.value = 'code 123456, key JBSWY3DPEHPK3PXP and'
    await nextTick()
    vi.advanceTimersByTime(GUARD_DEBOUNCE_MS - 50)
    expect(findings.value).toHaveLength(1)
    vi.advanceTimersByTime(60)
    expect(findings.value.map((f) => f.kind)).toEqual(['verification-code', 'authenticator-key'])

    // an emptied field clears at once
    text.value = ''
    await nextTick()
    expect(findings.value).toEqual([])
    scope.stop()
  })

  it('stops its timer with its scope', async () => {
    const scope = effectScope()
    const text = ref('')
    const findings = scope.run(() => useSecretFindings(() => text.value))!
    text.value = 'code 123456'
    await nextTick()
    scope.stop()
    vi.advanceTimersByTime(GUARD_DEBOUNCE_MS * 2)
    expect(findings.value).toEqual([])
  })
})
