// Unit tests run in Node: give Dexie an IndexedDB before any module captures it.
import 'fake-indexeddb/auto'
