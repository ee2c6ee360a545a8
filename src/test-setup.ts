// Unit tests run in Node: give Dexie an IndexedDB before any module captures it.
import 'fake-indexeddb/auto'

// dexie-export-import reads the worker/browser global `self` when it loads
;(globalThis as { self?: unknown }).self ??= globalThis
