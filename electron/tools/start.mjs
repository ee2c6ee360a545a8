#!/usr/bin/env node
// `npm start`: builds and opens the desktop console. Electron downloads its binary on first launch; where
// that download is impossible (no access to GitHub), the same console starts in browser mode instead.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '../..')
const electronDir = path.join(root, 'node_modules/electron')

function binaryPresent() {
  try {
    const rel = fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim()
    return rel !== '' && fs.existsSync(path.join(electronDir, 'dist', rel))
  } catch {
    return false
  }
}

function run(cmd, args) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' })
  child.on('exit', (code) => process.exit(code ?? 0))
}

if (!binaryPresent() && fs.existsSync(path.join(electronDir, 'install.js'))) {
  console.log('Downloading the Electron binary (first start only)…')
  // its own output is a raw stack trace when the download fails ("TypeError: fetch failed"): say it in words
  const install = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { cwd: root, encoding: 'utf8' })
  if (install.status !== 0) {
    const reason = `${install.stderr ?? ''}`.split('\n').find((l) => /error/i.test(l)) ?? 'no network access to the download'
    console.log(`The download did not work (${reason.replace(/^\s*\w*Error:\s*/, '').trim()}).`)
  }
}

if (binaryPresent()) {
  run('npx', ['electron-vite', 'preview'])
} else {
  console.log(
    '\nThe Electron binary could not be downloaded on this machine, so the console starts in browser mode.\n' +
      'Everything works the same, with downloads instead of save dialogs and the print dialog for PDFs.\n',
  )
  const build = spawnSync('npx', ['vite', 'build', '--config', 'src/vite.config.mts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  })
  if (build.status !== 0) process.exit(build.status ?? 1)
  console.log('Open http://localhost:4173 in your browser (Ctrl+C stops the console).\n')
  run('npx', ['vite', 'preview', '--config', 'src/vite.config.mts', '--port', '4173', '--strictPort'])
}
