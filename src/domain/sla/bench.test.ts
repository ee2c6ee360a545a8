import { expect, it } from 'vitest'
import { benchSla } from './bench'

// Checks only that the benchmark runs and reports; its timings are for `npm run bench`, never asserted.
it('benchSla runs and reports its measurements', () => {
  const r = benchSla(200, 3)
  expect(r).toMatchObject({ reviews: 200, ticks: 3 })
  for (const v of [r.buildIndexMs, r.computeColdMs, r.computeWarmMs, r.tickMedianMs, r.tickMaxMs])
    expect(Number.isFinite(v) && v >= 0).toBe(true)
  expect(r.checksum).toBeGreaterThan(0)
})
