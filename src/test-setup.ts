// Unit tests run in Node: give Dexie an IndexedDB before any module captures it.
import 'fake-indexeddb/auto'
import fc from 'fast-check'
import { setLogSink } from '@/platform/log'

// Property tests draw from one fixed seed, so `npm test` gives the same answer on every run and machine; a
// counterexample a seed once found stays in its test as a fixed example. FC_SEED=<number> draws from another
// seed, FC_SEED=random from a new one each run (to explore; a failure prints its seed to replay).
const fcSeed = process.env.FC_SEED
if (fcSeed !== 'random') fc.configureGlobal({ seed: fcSeed ? Number(fcSeed) : 20261205 })

// dexie-export-import expects two browser globals: `self` (read when it loads) and FileReader
;(globalThis as { self?: unknown }).self ??= globalThis
if (typeof (globalThis as { FileReader?: unknown }).FileReader === 'undefined') {
  class NodeFileReader {
    result: ArrayBuffer | string | null = null
    error: unknown = null
    onload: ((ev: { target: NodeFileReader }) => void) | null = null
    onerror: ((ev: { target: NodeFileReader }) => void) | null = null
    onabort: ((ev: { target: NodeFileReader }) => void) | null = null
    private read(p: Promise<ArrayBuffer | string>): void {
      p.then(
        (r) => {
          this.result = r
          this.onload?.({ target: this })
        },
        (e: unknown) => {
          this.error = e
          this.onerror?.({ target: this })
        },
      )
    }
    readAsArrayBuffer(b: Blob): void {
      this.read(b.arrayBuffer())
    }
    readAsText(b: Blob): void {
      this.read(b.text())
    }
  }
  ;(globalThis as { FileReader?: unknown }).FileReader = NodeFileReader
}

// Log entries stay in the logger's ring buffer (tests read them with recentLogEntries()); none reach the console.
setLogSink(() => undefined)
