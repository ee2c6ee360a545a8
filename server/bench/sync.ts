/**
 * `npm run bench:sync` (not part of `npm test`): the team sync service under 50 simulated agents.
 *
 * Starts a private PostgreSQL (server/testing/harness.ts) and the sync service as its own process (the
 * `npm run server` entry, so its memory is measured alone), then runs agents made of the console's own
 * sync code — src/sync's client and engine (HTTP push/pull, the SSE live channel, back-off) over an
 * in-memory replica (src/sync/testing.ts) — and prints:
 *   1. pushes (and pulls) per second and the time from one agent's save to every other agent holding the
 *      case (push → commit → NOTIFY → one read → SSE `changed` with the rows → applied), p50/p95/max and
 *      phase by phase, with every agent saving a case about once a second (paced), then pushes per second
 *      with every agent saving as fast as it can;
 *   2. a fresh agent's first sync of 100,000 cases (all pages pulled and applied to its replica);
 *   3. the service's resident memory (RSS, peak).
 * Options: --agents 50 --paced-seconds 20 --burst-seconds 10 --cases 100000 --seed sql|push
 * --seed sql (default): one case is pushed through the service and 99,999 copies of the stored row are
 * inserted with SQL (new ids, case numbers, UIDs and phones; 500 per version, as pushes of 500 would be);
 * --seed push: every case goes through POST /v1/push (500 per push, 4 at a time; slower to set up).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import pg from 'pg'
import type { PulledChange } from '@/domain/sync/protocol'
import { memoryVault } from '@/sync/auth'
import { createTeamClient, type TeamClient } from '@/sync/client'
import type { NetworkMonitor } from '@/sync/network'
import { MemoryReplica, caseDoc, uuid7 } from '@/sync/testing'
import { freePort, repoRoot } from '../src/localPg'
import { createDatabase, createUsers, startPostgres, type TeamUser } from '../testing/harness'

const { values: opt } = parseArgs({
  options: {
    agents: { type: 'string', default: '50' },
    'paced-seconds': { type: 'string', default: '20' },
    'burst-seconds': { type: 'string', default: '10' },
    cases: { type: 'string', default: '100000' },
    seed: { type: 'string', default: 'sql' },
  },
})
const AGENTS = Number(opt.agents)
const PACED_S = Number(opt['paced-seconds'])
const BURST_S = Number(opt['burst-seconds'])
const CASES = Number(opt.cases)
const SEED = opt.seed === 'push' ? 'push' : 'sql'

const say = (msg: string): void => void process.stderr.write(`${msg}\n`)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

async function until(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await sleep(20)
  }
}

const alwaysOnline: NetworkMonitor = { online: () => true, subscribe: () => () => undefined }

/** The service's memory, from /proc (Linux): current and peak resident set. */
function rssOf(pid: number): { rss: number; peak: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024
    return { rss: kb('VmRSS'), peak: kb('VmHWM') }
  } catch {
    return null
  }
}

async function startServiceProcess(db: {
  appUrl: string
  ownerUrl: string
}): Promise<{ url: string; proc: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort()
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli.ts'], {
    cwd: repoRoot(),
    env: {
      ...process.env,
      DATABASE_URL: db.appUrl,
      MIGRATE_DATABASE_URL: db.ownerUrl,
      SYNC_PORT: String(port),
      SYNC_JWT_SECRET: 'bench-secret-bench-secret-bench-secret-bench',
      SYNC_DB_POOL_SIZE: '20',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()))
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /Team sync service: (\S+)/.exec(out)
      if (m) {
        clearInterval(timer)
        resolve(m[1]!)
      }
    }, 50)
    proc.once('exit', (code) => {
      clearInterval(timer)
      reject(new Error(`the service stopped (${code}): ${out.slice(-2000)}`))
    })
  })
  return {
    url,
    proc,
    stop: async () => {
      if (proc.exitCode !== null) return
      const gone = new Promise((r) => proc.once('exit', r))
      proc.kill('SIGTERM')
      // a stream a stuck client still holds open would keep a graceful close waiting
      const killer = setTimeout(() => proc.kill('SIGKILL'), 10_000)
      await gone
      clearTimeout(killer)
    },
  }
}

interface Agent {
  user: TeamUser
  client: TeamClient
  replica: MemoryReplica
  /** `changed` events this agent's live connection delivered: version → when first read. */
  changedAt: Map<number, number>
  /** When the pull this agent made last came back (null once a page was applied after it). */
  pulled: { start: number; end: number } | null
}

/** Counts successful pushes (HTTP 200 from POST /v1/push) across every agent. */
let pushes = 0
/** Counts pulls (GET /v1/pull) across every agent. */
let pulls = 0
/** Phase times of each saved case (push sent, push answered, its version), for the phase breakdown. */
const sent = new Map<string, { pushStart: number; pushEnd?: number; version?: number }>()

/** The agent's fetch: counts pushes and notes when each phase of a save's way happened (push sent and
 *  answered, `changed` read from the live connection, pull sent and read). */
function instrumentedFetch(agent: () => Agent): typeof fetch {
  return async (input, init) => {
    const url = String(input)
    const t = performance.now()
    if (init?.method === 'POST' && url.endsWith('/v1/push')) {
      const ids = (JSON.parse(String(init.body)) as { changes: { id: string }[] }).changes.map((c) => c.id)
      for (const id of ids) if (!sent.has(id)) sent.set(id, { pushStart: t })
      const res = await fetch(input, init)
      if (!res.ok) return res
      pushes++
      const end = performance.now()
      const body = (await res.clone().json()) as { results: { version?: number }[] }
      ids.forEach((id, i) => {
        const s = sent.get(id)
        if (s && s.pushEnd === undefined) Object.assign(s, { pushEnd: end, version: body.results[i]?.version })
      })
      return res
    }
    if (url.includes('/v1/pull')) {
      pulls++
      const res = await fetch(input, init)
      const text = await res.text()
      agent().pulled = { start: t, end: performance.now() }
      return new Response(text, { status: res.status, statusText: res.statusText, headers: res.headers })
    }
    const res = await fetch(input, init)
    if (url.includes('/v1/stream') && res.ok && res.body) {
      const seen = agent().changedAt
      const dec = new TextDecoder()
      let buf = ''
      const watch = new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, ctrl) {
          const at = performance.now()
          buf += dec.decode(chunk, { stream: true })
          let end: number
          while ((end = buf.indexOf('\n\n')) >= 0) {
            const frame = buf.slice(0, end)
            buf = buf.slice(end + 2)
            if (!frame.startsWith('event: changed\n')) continue
            // a batch may cover several pushes: each of its versions was heard now
            const data = JSON.parse(frame.slice(frame.indexOf('data: ') + 6)) as { version: number; changes?: { version: number }[] }
            for (const v of [data.version, ...(data.changes ?? []).map((c) => c.version)]) if (!seen.has(v)) seen.set(v, at)
          }
          ctrl.enqueue(chunk)
        },
      })
      return new Response(res.body.pipeThrough(watch), { status: res.status, statusText: res.statusText, headers: res.headers })
    }
    return res
  }
}

function makeAgent(url: string, user: TeamUser): Agent {
  const replica = new MemoryReplica()
  replica.setQueueing(true)
  const agent: Agent = { user, replica, changedAt: new Map(), pulled: null, client: undefined as unknown as TeamClient }
  agent.client = createTeamClient({
    baseUrl: url,
    replica,
    vault: memoryVault(),
    clientId: `bench-${user.username}`,
    network: alwaysOnline,
    fetch: instrumentedFetch(() => agent),
  })
  return agent
}

async function signIn(a: Agent): Promise<void> {
  await a.client.auth.login(a.user.username, a.user.password)
  a.client.engine.start()
}

/** Suffixes of case numbers in Crockford base 32 (the console's alphabet). */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

async function seedSql(superUrl: string, seeder: TeamClient, n: number): Promise<void> {
  // one case through the real push path: its stored row (server stamps included) is the template
  const id = uuid7()
  const res = await seeder.api.push('bench-seed', [{ mutationId: crypto.randomUUID(), kind: 'case', id, op: 'insert', doc: caseDoc() }])
  if (res.results[0]?.status !== 'applied') throw new Error(`seed push refused: ${JSON.stringify(res.results[0])}`)
  const c = new pg.Client({ connectionString: superUrl })
  await c.connect()
  try {
    await c.query('BEGIN')
    const { rows } = await c.query<{ value: string }>('SELECT value FROM sync_counter FOR UPDATE')
    const base = Number(rows[0]!.value)
    await c.query(
      `INSERT INTO records (id, kind, version, deleted, doc, case_number, updated_by, updated_at, mutation_id)
       SELECT s.id, 'case', $2::bigint + 1 + (s.i / 500), false,
              t.doc || jsonb_build_object('caseNumber', s.cn, 'uid', s.uid, 'phoneE164', '+' || s.phone, 'phoneRev', reverse(s.phone))
                    || CASE WHEN t.doc ? 'id' THEN jsonb_build_object('id', s.id) ELSE '{}'::jsonb END,
              s.cn, t.updated_by, now(), gen_random_uuid()
       FROM records t,
            LATERAL (
              SELECT i, gen_random_uuid()::text AS id, (10000000 + i)::text AS uid, '86139' || lpad(i::text, 8, '0') AS phone,
                     'VC-' || to_char(date '2025-01-01' + (i % 700), 'YYYYMMDD') || '-' ||
                       substr($3, (i / 700 / 1024) % 32 + 1, 1) || substr($3, (i / 700 / 32) % 32 + 1, 1) ||
                       substr($3, (i / 700) % 32 + 1, 1) || 'Z' AS cn
              FROM generate_series(0, $4::int - 1) AS i
            ) s
       WHERE t.id = $1`,
      [id, base, CROCKFORD, n],
    )
    await c.query('UPDATE sync_counter SET value = $1', [base + 1 + Math.floor((n - 1) / 500)])
    await c.query('COMMIT')
    await c.query('ANALYZE records')
  } finally {
    await c.end()
  }
}

async function seedPush(seeders: TeamClient[], n: number): Promise<void> {
  let next = 0
  await Promise.all(
    seeders.map(async (s) => {
      while (next < n) {
        const size = Math.min(500, n - next)
        next += size
        const changes = Array.from({ length: size }, () => ({
          mutationId: crypto.randomUUID(),
          kind: 'case' as const,
          id: uuid7(),
          op: 'insert' as const,
          doc: caseDoc(),
        }))
        const res = await s.api.push('bench-seed', changes)
        const refused = res.results.filter((r) => r.status !== 'applied')
        if (refused.length) throw new Error(`seed push refused ${refused.length}: ${JSON.stringify(refused[0])}`)
      }
    }),
  )
}

async function main(): Promise<void> {
  const started = performance.now()
  say(`bench:sync — ${AGENTS} agents, ${fmt(CASES)} cases (seed: ${SEED}) — starting PostgreSQL …`)
  const cluster = await startPostgres()
  let service: Awaited<ReturnType<typeof startServiceProcess>> | null = null
  const agents: Agent[] = []
  let rssTimer: ReturnType<typeof setInterval> | undefined
  try {
    const db = await createDatabase(cluster, { migrateTo: 'all' })
    const users = await createUsers(db.appUrl, [
      ...Array.from({ length: AGENTS }, (_, i) => ({ username: `agent${i + 1}`, role: 'agent' as const })),
      { username: 'fresh', role: 'agent' as const },
      { username: 'seeder', role: 'agent' as const },
    ])
    service = await startServiceProcess(db)
    const pid = service.proc.pid!
    let peakRss = 0
    rssTimer = setInterval(() => {
      const m = rssOf(pid)
      if (m) peakRss = Math.max(peakRss, m.rss)
    }, 200)
    const idleRss = rssOf(pid)?.rss ?? NaN
    say(`service at ${service.url} (pid ${pid}); signing in ${AGENTS} agents …`)

    // ---- 1. live: paced saves, then a burst ----
    for (let i = 0; i < AGENTS; i++) agents.push(makeAgent(service.url, users[`agent${i + 1}`]!))
    await Promise.all(agents.map(signIn))
    await until(
      'every agent synced and live',
      () => agents.every((a) => a.client.engine.state.live && a.client.engine.state.phase === 'synced'),
      120_000,
    )
    const liveRss = rssOf(pid)?.rss ?? NaN

    const savedAt = new Map<string, { at: number; by: number }>()
    const latencies: number[] = []
    let measuring = true
    const phases = new Map<string, number[]>()
    const note = (phase: string, ms: number | undefined) => {
      if (ms === undefined || !Number.isFinite(ms)) return
      const list = phases.get(phase) ?? []
      list.push(ms)
      phases.set(phase, list)
    }
    agents.forEach((a, idx) => {
      a.replica.onApplied = (changes: PulledChange[]) => {
        const pulled = a.pulled
        a.pulled = null
        if (!measuring) return
        const now = performance.now()
        for (const ch of changes) {
          const s = ch.kind === 'case' ? savedAt.get(ch.id) : undefined
          if (!s || s.by === idx) continue
          latencies.push(now - s.at)
          const p = sent.get(ch.id)
          const changedAt = a.changedAt.get(ch.version)
          if (p && changedAt !== undefined) note('3. push sent → `changed` read there (commit, NOTIFY, fan-out)', changedAt - p.pushStart)
          if (pulled && changedAt !== undefined && pulled.start >= changedAt) {
            note('4. `changed` → pull sent', pulled.start - changedAt)
            note('5. pull sent → read', pulled.end - pulled.start)
            note('6. pull read → applied', now - pulled.end)
          } else if (!pulled && changedAt !== undefined) note('4. `changed` → applied (rows in the event, no pull)', now - changedAt)
          else note('7. applied by a pull not started by its `changed`: saved → applied', now - s.at)
        }
      }
    })
    const save = (idx: number): void => {
      const id = uuid7()
      savedAt.set(id, { at: performance.now(), by: idx })
      agents[idx]!.replica.insert('case', id, caseDoc())
    }

    say(`paced: each agent saves a case about once a second for ${PACED_S} s …`)
    pushes = 0
    pulls = 0
    let t0 = performance.now()
    const pacedEnd = t0 + PACED_S * 1000
    await Promise.all(
      agents.map(async (_a, idx) => {
        await sleep(Math.random() * 1000)
        while (performance.now() < pacedEnd) {
          save(idx)
          await sleep(800 + Math.random() * 400)
        }
      }),
    )
    const savedPaced = savedAt.size
    // let the last saves arrive everywhere
    await until('the paced saves everywhere', () => latencies.length >= savedPaced * (AGENTS - 1), 60_000).catch((e: Error) =>
      say(`  (${e.message}: ${latencies.length} of ${savedPaced * (AGENTS - 1)} arrivals)`),
    )
    for (const [id, s] of savedAt) {
      const p = sent.get(id)
      if (!p) continue
      note('1. saved → push sent', p.pushStart - s.at)
      if (p.pushEnd !== undefined) note('2. push sent → answered (commit)', p.pushEnd - p.pushStart)
    }
    const pacedSeconds = (performance.now() - t0) / 1000
    const pacedPushes = pushes
    const pacedPulls = pulls
    const sorted = [...latencies].sort((x, y) => x - y)

    say(`burst: each agent saves, waits for its push, saves again, for ${BURST_S} s …`)
    measuring = false
    pushes = 0
    t0 = performance.now()
    const burstEnd = t0 + BURST_S * 1000
    let burstSaves = 0
    await Promise.all(
      agents.map(async (a, idx) => {
        while (performance.now() < burstEnd) {
          save(idx)
          burstSaves++
          await until('the push', () => a.replica.outbox.length === 0, 30_000).catch((e: Error) => {
            const st = a.client.engine.state
            throw new Error(`${e.message} of ${a.user.username}: ${JSON.stringify({ ...st, outbox: a.replica.outbox.length })}`)
          })
        }
      }),
    )
    const burstSeconds = (performance.now() - t0) / 1000
    const burstPushes = pushes
    // the 50 agents go quiet (signed in elsewhere, say): 50 in-memory copies of 100,000 cases would only
    // measure this process's memory; the first sync below is one agent on its own
    const stopped = await Promise.race([
      Promise.all(agents.map((a) => a.client.engine.stop())).then(() => true),
      sleep(5_000).then(() => false),
    ])
    if (!stopped) say('  (some engines did not stop within 5 s: a request or stream still open; going on)')
    // stopped or not, they must not pull the seeded cases: cut them off
    for (const a of agents) a.replica.onApplied = null

    // ---- 2. a fresh agent's first sync of 100,000 cases ----
    say(`seeding ${fmt(CASES)} cases (${SEED}) …`)
    const seedStart = performance.now()
    const seeders = [makeAgent(service.url, users.seeder!)]
    await seeders[0]!.client.auth.login(users.seeder!.username, users.seeder!.password)
    if (SEED === 'sql') await seedSql(db.superUrl, seeders[0]!.client, CASES)
    else {
      for (let i = 1; i < 4; i++) {
        const s = makeAgent(service.url, users.seeder!)
        await s.client.auth.login(users.seeder!.username, users.seeder!.password)
        seeders.push(s)
      }
      await seedPush(
        seeders.map((s) => s.client),
        CASES,
      )
    }
    const seedSeconds = (performance.now() - seedStart) / 1000
    const total = (await countCases(db.superUrl)).cases
    say(`  ${fmt(total)} cases on the server`)

    say('fresh agent: first sync …')
    const fresh = makeAgent(service.url, users.fresh!)
    let lastProgress = 0
    fresh.replica.onApplied = () => {
      const p = fresh.client.engine.state.progress
      if (p && performance.now() - lastProgress > 2000) {
        lastProgress = performance.now()
        say(`  ${fmt(p.done)} of ${fmt(p.total)}`)
      }
    }
    const f0 = performance.now()
    await signIn(fresh)
    await until(
      'the fresh agent synced',
      () => fresh.client.engine.state.phase === 'synced' && fresh.replica.all('case').length >= total,
      600_000,
    )
    const firstSyncSeconds = (performance.now() - f0) / 1000
    agents.push(fresh)
    const endRss = rssOf(pid)

    // ---- report ----
    const mb = (b: number) => `${fmt(b / 1024 / 1024)} MB`
    const lines = [
      `bench:sync — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model.trim() ?? '?'}), ${mb(totalmem())} RAM`,
      `  agents: ${AGENTS} (src/sync engine + in-memory replica each, SSE live channel), one service process, local PostgreSQL (fsync off)`,
      `  paced (${fmt(savedPaced)} saves in ${fmt(pacedSeconds, 1)} s): ${fmt(pacedPushes / pacedSeconds, 1)} pushes/s, ${fmt(pacedPulls / pacedSeconds, 1)} pulls/s`,
      `    save → on every other agent (${fmt(sorted.length)} arrivals): p50 ${fmt(percentile(sorted, 50))} ms, p95 ${fmt(percentile(sorted, 95))} ms, max ${fmt(sorted.at(-1) ?? NaN)} ms  (target p95 ≤ 1,000 ms)`,
      `    phases (ms, p50 / p95 / count):`,
      ...[...phases]
        .sort(([x], [y]) => x.localeCompare(y))
        .map(([name, list]) => {
          const xs = [...list].sort((x, y) => x - y)
          return `      ${name}: ${fmt(percentile(xs, 50))} / ${fmt(percentile(xs, 95))} / ${fmt(xs.length)}`
        }),
      `  burst (${fmt(burstSaves)} saves in ${fmt(burstSeconds, 1)} s): ${fmt(burstPushes / burstSeconds, 1)} pushes/s`,
      `  first sync of ${fmt(total)} cases by a fresh agent: ${fmt(firstSyncSeconds, 1)} s  (target ≤ 30 s; seeded by ${SEED === 'sql' ? 'SQL copies of a pushed case' : 'POST /v1/push'} in ${fmt(seedSeconds, 1)} s)`,
      `  service memory (RSS): ${mb(idleRss)} at start, ${mb(liveRss)} with ${AGENTS} live agents, ${mb(endRss?.rss ?? NaN)} at the end, peak ${mb(Math.max(peakRss, endRss?.peak ?? 0))}`,
      `  total run: ${fmt((performance.now() - started) / 1000)} s`,
    ]
    console.log(lines.join('\n'))
  } finally {
    clearInterval(rssTimer)
    await Promise.race([Promise.all(agents.map((a) => a.client.engine.stop().catch(() => undefined))), sleep(5_000)])
    await service?.stop()
    await cluster.destroy()
  }
}

async function countCases(superUrl: string): Promise<{ cases: number }> {
  const c = new pg.Client({ connectionString: superUrl })
  await c.connect()
  try {
    const { rows } = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM records WHERE kind = 'case' AND NOT deleted`)
    return { cases: rows[0]!.n }
  } finally {
    await c.end()
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(`bench:sync failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`)
    process.exit(1)
  },
)
