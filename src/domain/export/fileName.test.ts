import { describe, expect, it } from 'vitest'
import { caseReportFileName, exportFileName } from './fileName'

describe('export file names', () => {
  it.each<[Parameters<typeof exportFileName>[0], string]>([
    [{ extension: 'xlsx', from: '2026-11-01', to: '2026-11-30', today: '2026-12-01' }, 'cases-2026-11-01_2026-11-30.xlsx'],
    [{ extension: 'csv', from: '2026-11-01', to: '2026-11-01', today: '2026-12-01' }, 'cases-2026-11-01.csv'],
    [{ extension: 'csv', from: '2026-11-01', today: '2026-12-01' }, 'cases-from-2026-11-01.csv'],
    [{ extension: 'csv', to: '2026-11-30', today: '2026-12-01' }, 'cases-until-2026-11-30.csv'],
    [{ extension: 'xlsx', today: '2026-12-01' }, 'cases-2026-12-01.xlsx'],
    [{ extension: 'csv', stem: 'attempts', from: null, to: null, today: '2026-12-01' }, 'attempts-2026-12-01.csv'],
    [{ extension: 'csv', stem: '审核/reviews', from: 'bad', today: '2026-12-01' }, 'reviews-2026-12-01.csv'],
  ])('%j → %s', (parts, name) => {
    expect(exportFileName(parts)).toBe(name)
  })
  it('case reports', () => {
    expect(caseReportFileName('VC-20261124-7K3Q')).toBe('case-VC-20261124-7K3Q.md')
    expect(caseReportFileName('../x y', 'pdf')).toBe('case-x-y.pdf')
  })
})
