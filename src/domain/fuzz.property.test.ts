/**
 * Fuzzed inputs at the boundaries where files come in: playbook files, template files, .ics calendars,
 * stored calendars and time-zone names. Each parser either accepts (and a valid file round-trips) or
 * refuses with a clear reason; none throws.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import en from '@resources/playbook/playbook.en.json'
import { parseCalendar } from './calendar/calendar'
import { parseIcs } from './calendar/ics'
import { mondayToFridayCalendar } from './calendar/calendar'
import { normalizeTimeZone } from './calendar/timeZone'
import { parsePlaybookText } from './playbook'
import { defaultTemplateRecords, exportTemplates, parseTemplatesFile } from './replies'

/** Arbitrary edits of a JSON value: drop, replace or retype a random field somewhere in it. */
function mutate(value: unknown, path: number[], kind: number, replacement: unknown): unknown {
  if (value === null || typeof value !== 'object') return replacement
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value)
  if (entries.length === 0) return replacement
  const [key, child] = entries[(path[0] ?? 0) % entries.length]!
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...value }
  const set = (v: unknown): void => {
    if (Array.isArray(copy)) copy[Number(key)] = v
    else copy[key] = v
  }
  if (path.length <= 1) {
    if (kind === 0) {
      if (Array.isArray(copy)) copy.splice(Number(key), 1)
      else delete copy[key]
    } else set(replacement)
  } else set(mutate(child, path.slice(1), kind, replacement))
  return copy
}

const jsonish = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
)
const edit = fc.tuple(fc.array(fc.nat(40), { minLength: 1, maxLength: 6 }), fc.nat(2), jsonish)

describe('playbook files', () => {
  it('the bundled file round-trips through its text', () => {
    const r = parsePlaybookText(JSON.stringify(en), 'playbook.en.json', 'en')
    expect(r.ok).toBe(true)
  })

  it('any text, or any edit of a valid file, is accepted or refused naming the file — never a throw', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }).map((s) => ({ text: s })),
          edit.map(([p, k, v]) => ({ text: JSON.stringify(mutate(en, p, k, v)) })),
        ),
        ({ text }) => {
          const r = parsePlaybookText(text, 'playbook.en.json', 'en')
          if (!r.ok) {
            expect(r.error.length).toBeGreaterThan(0)
            for (const issue of r.error) {
              expect(issue.file).toBe('playbook.en.json')
              expect(issue.message.length).toBeGreaterThan(0)
            }
          }
        },
      ),
      { numRuns: 150 },
    )
  })
})

describe('template files', () => {
  const exported = exportTemplates(defaultTemplateRecords(0), 0)

  it('an export imports back to the same templates', () => {
    const r = parseTemplatesFile(exported)
    expect(r.ok).toBe(true)
    if (r.ok)
      expect(r.value.map((t) => [t.id, t.body.en, t.body['zh-CN']])).toEqual(
        defaultTemplateRecords(0).map((t) => [t.id, t.body.en, t.body['zh-CN']]),
      )
  })

  it('any text, or any edit of an export, is accepted or refused with a reason — never a throw', () => {
    const parsed = JSON.parse(exported) as unknown
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          edit.map(([p, k, v]) => JSON.stringify(mutate(parsed, p, k, v))),
        ),
        (text) => {
          const r = parseTemplatesFile(text)
          if (!r.ok) expect(r.error.key).toMatch(/^replies\.(import|problem|template)\./)
          else expect(r.value.length).toBeGreaterThan(0)
        },
      ),
      { numRuns: 150 },
    )
  })
})

describe('.ics files', () => {
  const SH = { timeZone: 'Asia/Shanghai' }
  const date = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true })
  const ymd = (d: Date): string => d.toISOString().slice(0, 10)

  it('all-day events come back as their dates', () => {
    fc.assert(
      fc.property(fc.uniqueArray(date.map(ymd), { minLength: 1, maxLength: 8 }), (days) => {
        const events = days.map((d, i) => {
          const next = ymd(new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000))
          return [
            'BEGIN:VEVENT',
            `UID:e${i}@test`,
            `DTSTART;VALUE=DATE:${d.replaceAll('-', '')}`,
            `DTEND;VALUE=DATE:${next.replaceAll('-', '')}`,
            `SUMMARY:Day ${i}`,
            'END:VEVENT',
          ].join('\r\n')
        })
        const text = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...events, 'END:VCALENDAR'].join('\r\n')
        const r = parseIcs(text, SH)
        expect(r.ok).toBe(true)
        if (r.ok) expect(r.value.entries.map((e) => e.date).sort()).toEqual([...days].sort())
      }),
      { numRuns: 60 },
    )
  })

  it('any text, or a calendar with garbage lines, is accepted or refused with a reason — never a throw', () => {
    const line = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom(
        'BEGIN:VEVENT',
        'END:VEVENT',
        'DTSTART:2026',
        'DTSTART;VALUE=DATE:20261301',
        'RRULE:FREQ=DAILY',
        'SUMMARY:x',
        'DTEND:',
      ),
    )
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.array(line, { maxLength: 12 }).map((ls) => ['BEGIN:VCALENDAR', ...ls, 'END:VCALENDAR'].join('\r\n')),
        ),
        (text) => {
          const r = parseIcs(text, SH)
          if (!r.ok) expect(r.error.key).toMatch(/^errors\.calendar\./)
        },
      ),
      { numRuns: 200 },
    )
  })
})

describe('stored calendars and time zones', () => {
  it('a stored calendar is accepted when valid, refused otherwise — never a throw', () => {
    const valid = mondayToFridayCalendar('Asia/Shanghai')
    expect(parseCalendar(JSON.parse(JSON.stringify(valid)))).toEqual({ ok: true, value: valid })
    fc.assert(
      fc.property(edit, ([p, k, v]) => {
        const r = parseCalendar(mutate(valid, p, k, v))
        if (!r.ok) expect(r.error.key).toMatch(/^errors\.calendar\./)
      }),
      { numRuns: 150 },
    )
  })

  it('a time-zone name is an IANA zone or refused', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('Asia/Shanghai', 'UTC', 'America/Los_Angeles', 'Mars/Olympus')),
        (name) => {
          const r = normalizeTimeZone(name)
          if (r.ok) expect(() => new Intl.DateTimeFormat('en', { timeZone: r.value })).not.toThrow()
          else expect(r.error.key).toBe('errors.calendar.badTimezone')
        },
      ),
    )
  })
})
