// electron-vite's `?nodeWorker` import (see electron-vite/node.d.ts): a function starting the module in a worker thread
declare module '*?nodeWorker' {
  import type { Worker, WorkerOptions } from 'node:worker_threads'
  export default function (options: WorkerOptions): Worker
}
