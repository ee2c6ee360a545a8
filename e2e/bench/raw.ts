/**
 * The raw anchor of the felt measures (run.mjs, felt.mjs): a bare page with the same case list (virtual, rows
 * of 40 px read in batches as they scroll into view), the same search box (Ctrl+K, results on every
 * keystroke) and a case page header, written without a framework over plain Dexie with plain indexes and the
 * same synthetic cases as the console's database. The console's figures are printed as ratios to this page's.
 */
import Dexie, { type Table } from 'dexie'
import type { CaseRecord } from '@/domain/model'

const db = new Dexie('raw-anchor') as Dexie & { cases: Table<CaseRecord, number> }
db.version(1).stores({ cases: '++id, uid, phoneE164, phoneRev, emailLower, caseNumber, updatedAt' })

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T
const el = (tag: string, cls: string, text = ''): HTMLElement => {
  const e = document.createElement(tag)
  if (cls) e.className = cls
  e.textContent = text
  return e
}
const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10)

// ---- the case list: ids newest first, rows read when shown
const ROW = 40
const OVERSCAN = 5
const scroller = $<HTMLDivElement>('scroller')
const spacer = $<HTMLDivElement>('spacer')
let ids: number[] = []
const cache = new Map<number, CaseRecord | null>()
const shown = new Map<number, HTMLElement>()
const pending = new Set<number>()
let flushing = false

function rowElement(id: number, index: number): HTMLElement {
  const c = cache.get(id)
  let e: HTMLElement
  if (c) {
    e = el('a', 'raw-row')
    ;(e as HTMLAnchorElement).href = `#/cases/${id}`
    e.append(
      el('span', 'raw-row__number', c.caseNumber),
      el('span', '', c.status),
      el('span', '', [c.uid ? `UID ${c.uid}` : '', c.phoneE164 ?? ''].filter(Boolean).join(' · ')),
      el('span', '', c.symptom),
      el('span', '', c.agent),
      el('span', '', day(c.updatedAt)),
    )
  } else {
    e = el('div', 'raw-row raw-row--placeholder', c === null ? 'Not found' : 'Loading…')
    request(id)
  }
  e.style.top = `${index * ROW}px`
  return e
}

function request(id: number): void {
  pending.add(id)
  if (flushing) return
  flushing = true
  queueMicrotask(async () => {
    flushing = false
    const want = [...pending]
    pending.clear()
    const rows = await db.cases.bulkGet(want)
    want.forEach((id, i) => cache.set(id, rows[i] ?? null))
    render(true)
  })
}

function render(refresh = false): void {
  const first = Math.max(0, Math.floor(scroller.scrollTop / ROW) - OVERSCAN)
  const last = Math.min(ids.length, Math.ceil((scroller.scrollTop + scroller.clientHeight) / ROW) + OVERSCAN)
  const want = new Set<number>()
  for (let i = first; i < last; i++) want.add(ids[i]!)
  for (const [id, e] of shown)
    if (!want.has(id) || (refresh && e.classList.contains('raw-row--placeholder') && cache.get(id))) {
      e.remove()
      shown.delete(id)
    }
  for (let i = first; i < last; i++) {
    const id = ids[i]!
    if (shown.has(id)) continue
    const e = rowElement(id, i)
    shown.set(id, e)
    spacer.append(e)
  }
}
scroller.addEventListener('scroll', () => render(), { passive: true })

/** Rows read for the first screen: one block, more than a tall window shows. */
const FIRST_PAGE = 50

/**
 * The first screen: the newest rows straight from the updatedAt index with a limit, painted; then, after
 * that frame, every id in the list's order (100,000 keys take most of a second to read), for the scroll
 * height and the rows below.
 */
async function loadList(): Promise<void> {
  const first = await db.cases.orderBy('updatedAt').reverse().limit(FIRST_PAGE).toArray()
  for (const c of first) cache.set(c.id!, c)
  ids = first.map((c) => c.id!)
  spacer.style.height = `${ids.length * ROW}px`
  render()
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
  ids = ((await db.cases.orderBy('updatedAt').primaryKeys()) as number[]).reverse()
  spacer.style.height = `${ids.length * ROW}px`
  render()
}

// ---- the case page: its header
async function showCase(id: number): Promise<void> {
  $('list-view').hidden = true
  const view = $('case-view')
  view.hidden = false
  view.replaceChildren()
  const c = await db.cases.get(id)
  if (location.hash !== `#/cases/${id}`) return
  const header = el('header', 'case-header')
  header.append(el('h1', '', c ? `Case ${c.caseNumber}` : 'Case not found'), el('p', '', c ? `${c.symptom} · ${c.status}` : ''))
  view.append(header)
}

function route(): void {
  const m = /^#\/cases\/(\d+)$/.exec(location.hash)
  if (m) {
    void showCase(Number(m[1]))
    return
  }
  $('case-view').hidden = true
  $('list-view').hidden = false
  render()
}
addEventListener('hashchange', route)

// ---- the search box: a plain plan over the same indexes, results on every keystroke
const input = $<HTMLInputElement>('q')
const results = $<HTMLUListElement>('results')
let seq = 0
const reverse = (s: string): string => [...s].reverse().join('')

async function search(q: string): Promise<void> {
  const mine = ++seq
  const s = q.trim().toLowerCase()
  const parts: Array<Promise<Array<[number, CaseRecord]>>> = []
  const add = (rank: number, p: Promise<CaseRecord[]>): void => void parts.push(p.then((rows) => rows.map((r) => [rank, r])))
  const digits = s.replace(/[\s\-()]/g, '')
  if (s === '') {
    // nothing to ask
  } else if (s.includes('@') || !/^\+?\d+$/.test(digits)) {
    add(3, db.cases.where('emailLower').startsWith(s).limit(25).toArray())
  } else {
    const d = digits.replace(/^\+/, '')
    add(0, db.cases.where('uid').equals(d).limit(25).toArray())
    if (d.length >= 3) add(5, db.cases.where('uid').startsWith(d).limit(25).toArray())
    const national = /^(?:0086|86)?(1\d{10})$/.exec(d)?.[1]
    if (national) add(1, db.cases.where('phoneE164').equals(`+86${national}`).limit(25).toArray())
    if (d.length >= 4) add(4, db.cases.where('phoneRev').startsWith(reverse(d)).limit(25).toArray())
  }
  const found = (await Promise.all(parts)).flat()
  if (mine !== seq) return
  const best = new Map<number, [number, CaseRecord]>()
  for (const m of found) if ((best.get(m[1].id!)?.[0] ?? 99) > m[0]) best.set(m[1].id!, m)
  const top = [...best.values()].sort((a, b) => a[0] - b[0] || b[1].updatedAt - a[1].updatedAt).slice(0, 20)
  results.replaceChildren(
    ...(s !== '' && top.length === 0 ? [el('li', '', `No case for “${q.trim()}”`)] : []),
    ...top.map(([, c]) => {
      const li = el('li', '')
      li.setAttribute('role', 'option')
      li.addEventListener('click', () => (location.hash = `#/cases/${c.id}`))
      li.append(
        el('span', '', c.caseNumber),
        el('span', '', c.status),
        el('span', '', [c.uid ? `UID ${c.uid}` : '', c.phoneE164 ?? '', c.email ?? ''].filter(Boolean).join(' · ')),
        el('span', '', day(c.createdAt)),
      )
      return li
    }),
  )
}
input.addEventListener('input', () => void search(input.value))
addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && e.key === 'k') {
    e.preventDefault()
    input.focus()
    input.select()
  }
})

// ---- driven by run.mjs
async function seed(n: number): Promise<number> {
  const { makeCase, rng, SEED_START } = await import('./synthetic')
  await db.cases.clear()
  const r = rng(42)
  for (let i = 0; i < n; i += 10_000) {
    const records: CaseRecord[] = []
    for (let j = i; j < Math.min(n, i + 10_000); j++) records.push(makeCase(j, r, SEED_START))
    await db.cases.bulkAdd(records)
  }
  return db.cases.count()
}

/** k cases' UID and phone, the same for every run. */
async function samples(k: number): Promise<Array<{ uid: string; phone: string }>> {
  const { rng } = await import('./synthetic')
  const total = await db.cases.count()
  const r = rng(11)
  const out: Array<{ uid: string; phone: string }> = []
  while (out.length < k) {
    const c = await db.cases.get(1 + Math.floor(r() * total))
    if (c?.uid && c.phoneE164) out.push({ uid: c.uid, phone: c.phoneE164 })
  }
  return out
}

declare global {
  interface Window {
    raw: { seed: typeof seed; samples: typeof samples }
  }
}
window.raw = { seed, samples }

if (!/^#\/cases\/\d+$/.test(location.hash)) void loadList()
else {
  route()
  void loadList()
}
