import zlib from 'node:zlib'
import { unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { readXlsx } from '../../../../e2e/xlsxRead'
import { XlsxWriter, type XlsxExportOptions } from '@/domain/export/xlsx'
import { makeInput } from '@test/exportRecords'
import { GzipBody, NativeDeflateEntry } from './nativeDeflateEntry'
import { joinBytes } from '@test/bytes'

/** Byte equality (vitest's deep equality walks a few MB element by element, for seconds). */
const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(a, b) === 0

/** Text that compresses like a sheet but is not all one pattern (a few MB of it spans many stream chunks). */
function sheetLike(rows: number): Uint8Array {
  let s = ''
  for (let r = 0; r < rows; r++) s += `<row r="${r + 2}"><c t="s"><v>${r % 7}</v></c><c><v>${(r * 7919) % 100_003}</v></c></row>`
  return new TextEncoder().encode(s)
}

/** Every entry of a zip's central directory: name, CRC-32, compressed and uncompressed size, method. */
function centralDirectory(zip: Uint8Array): Array<{ name: string; crc: number; compressed: number; size: number; method: number }> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  let eocd = zip.length - 22
  while (view.getUint32(eocd, true) !== 0x06054b50) eocd--
  const count = view.getUint16(eocd + 10, true)
  let p = view.getUint32(eocd + 16, true)
  const out = []
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(p, true)).toBe(0x02014b50)
    const nameLength = view.getUint16(p + 28, true)
    out.push({
      method: view.getUint16(p + 10, true),
      crc: view.getUint32(p + 16, true),
      compressed: view.getUint32(p + 20, true),
      size: view.getUint32(p + 24, true),
      name: new TextDecoder().decode(zip.subarray(p + 46, p + 46 + nameLength)),
    })
    p += 46 + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true)
  }
  return out
}

async function workbook(options: XlsxExportOptions, chunks: ReturnType<typeof makeInput>[][], native: boolean) {
  const parts: Uint8Array[] = []
  const entries: NativeDeflateEntry[] = []
  const sheetEntry = native
    ? (name: string) => {
        const e = new NativeDeflateEntry(name)
        entries.push(e)
        return e
      }
    : undefined
  const writer = new XlsxWriter({ ...options, sheetEntry, modified: new Date(Date.UTC(2026, 10, 30)) }, (b) => parts.push(b.slice()))
  for (const c of chunks) {
    writer.add(c)
    for (const e of entries) await e.drained()
  }
  writer.finish()
  const beforeDone = parts.length
  await writer.done
  return { bytes: joinBytes(parts), beforeDone, afterDone: parts.length }
}

describe('GzipBody', () => {
  const data = sheetLike(20_000)
  const gz = zlib.gzipSync(data, { level: 6 })

  it('hands on the deflate data between header and trailer, and the trailer, however the member is cut', () => {
    const cuts = [[1], [3, 7, 9, 10, 11, 12], [gz.length - 9, gz.length - 8, gz.length - 7, gz.length - 1], [5, 13, 14, 15, 17, 4000]]
    for (const at of cuts) {
      const pieces: Uint8Array[] = []
      const body = new GzipBody((b) => pieces.push(b.slice()))
      let from = 0
      for (const to of [...at, gz.length]) {
        body.push(gz.subarray(from, to))
        from = to
      }
      expect(same(joinBytes(pieces), gz.subarray(10, gz.length - 8)), `cut at ${at.join(', ')}`).toBe(true)
      expect(body.end()).toEqual({ crc: zlib.crc32(data), size: data.length })
    }
    // byte by byte
    const pieces: Uint8Array[] = []
    const body = new GzipBody((b) => pieces.push(b.slice()))
    for (let i = 0; i < gz.length; i++) body.push(gz.subarray(i, i + 1))
    expect(same(zlib.inflateRawSync(joinBytes(pieces)), data)).toBe(true)
    expect(body.end().crc).toBe(zlib.crc32(data))
  })

  it('refuses a header with a name (or anything but zlib’s plain one) and a member cut short', () => {
    const named = Uint8Array.from(gz)
    named[3] = 8 // FNAME
    expect(() => new GzipBody(() => {}).push(named)).toThrow(/gzip header/)
    expect(() => new GzipBody(() => {}).push(Uint8Array.of(0x1f, 0x8c))).toThrow(/gzip header/)
    const short = new GzipBody(() => {})
    short.push(gz.subarray(0, 14))
    expect(() => short.end()).toThrow(/trailer/)
  })
})

describe('NativeDeflateEntry (sheets deflated by the platform’s zlib)', () => {
  it('gives a workbook whose every part is byte for byte the default writer’s, with the right CRCs and sizes', async () => {
    const inputs = Array.from({ length: 300 }, (_, i) => makeInput({ id: i + 1, caseNumber: `VC-20261125-${String(i).padStart(4, '0')}` }))
    const options: XlsxExportOptions = { language: 'zh-CN', timeZone: 'Asia/Shanghai', tables: ['cases', 'attempts', 'reviews'] }
    const chunks = [inputs.slice(0, 120), inputs.slice(120, 250), inputs.slice(250)]
    const fflate = await workbook(options, chunks, false)
    const native = await workbook(options, chunks, true)
    // the default entries finish inside finish(); the native ones after it
    expect(fflate.afterDone).toBe(fflate.beforeDone)
    expect(native.afterDone).toBeGreaterThan(native.beforeDone)
    const a = unzipSync(fflate.bytes)
    const b = unzipSync(native.bytes)
    expect(Object.keys(b)).toEqual(Object.keys(a))
    for (const name of Object.keys(a)) expect(same(b[name]!, a[name]!), name).toBe(true)
    for (const entry of centralDirectory(native.bytes)) {
      expect(entry.method).toBe(8)
      expect(entry.size, entry.name).toBe(b[entry.name]!.length)
      expect(entry.crc >>> 0, entry.name).toBe(zlib.crc32(b[entry.name]!))
    }
    expect(readXlsx(native.bytes).sheets.map((s) => s.rows.length)).toEqual([301, 901, 301])
    // zlib's default level: smaller than fflate's level 1
    expect(native.bytes.length).toBeLessThan(fflate.bytes.length)
  })

  it('streams a sheet of several MB in order', async () => {
    const data = sheetLike(120_000)
    const parts: Uint8Array[] = []
    let final = false
    const entry = new NativeDeflateEntry('sheet.xml')
    entry.ondata = (err, chunk, last) => {
      expect(err).toBeNull()
      parts.push(chunk.slice())
      final ||= last
    }
    for (let i = 0; i < data.length; i += 1 << 18) {
      entry.push(data.subarray(i, i + (1 << 18)))
      await entry.drained()
    }
    entry.push(new Uint8Array(0), true)
    await entry.drained()
    await new Promise((r) => setTimeout(r, 0))
    expect(final).toBe(true)
    expect(parts.length).toBeGreaterThan(2)
    expect(same(zlib.inflateRawSync(joinBytes(parts)), data)).toBe(true)
    expect(entry.crc).toBe(zlib.crc32(data))
    expect(entry.size).toBe(data.length)
    expect(() => entry.push(Uint8Array.of(1))).toThrow(/after the end/)
  })

  it('fails the entry, its drain and the workbook when the stream fails', async () => {
    const broken = (): TransformStream<BufferSource, Uint8Array> =>
      new TransformStream({
        transform() {
          throw new Error('zlib gave up')
        },
      })
    const writer = new XlsxWriter(
      { language: 'en', timeZone: 'Asia/Shanghai', sheetEntry: (name) => new NativeDeflateEntry(name, broken()) },
      () => {},
    )
    writer.add([makeInput()])
    await expect(writer.done).rejects.toThrow(/zlib gave up/)
    const entry = new NativeDeflateEntry('x.xml', broken())
    const errors: unknown[] = []
    entry.ondata = (err) => errors.push(err)
    entry.push(Uint8Array.of(1, 2, 3))
    await expect(entry.drained()).rejects.toThrow(/zlib gave up/)
    expect(errors).toHaveLength(1)
    expect(() => entry.push(Uint8Array.of(4))).toThrow(/zlib gave up/)
  })
})
