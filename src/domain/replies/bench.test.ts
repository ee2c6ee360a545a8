import { expect, it } from 'vitest'
import { benchRender } from './bench'
import { DEFAULT_TEMPLATES } from './library'

it('benchRender renders the whole default library without failures (no timing assertions)', () => {
  let tick = 0
  const result = benchRender(3, () => (tick += 1))
  const perPass = DEFAULT_TEMPLATES.length * 2 * 2 // templates × languages × sample cases
  expect(result).toMatchObject({ renders: perPass * 3, failures: 0, coldMs: 1, warmMs: 1 })
  expect(result.warmMsPerRender).toBeCloseTo(1 / (perPass * 2))
})
