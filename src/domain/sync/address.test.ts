import { describe, expect, it } from 'vitest'
import { parseServerAddress } from './address'

describe('parseServerAddress', () => {
  it('accepts https anywhere and http on this machine only', () => {
    expect(parseServerAddress(' https://sync.example.com/ ')).toEqual({
      ok: true,
      url: 'https://sync.example.com',
      origin: 'https://sync.example.com',
    })
    expect(parseServerAddress('sync.example.com:8443/team')).toEqual({
      ok: true,
      url: 'https://sync.example.com:8443/team',
      origin: 'https://sync.example.com:8443',
    })
    expect(parseServerAddress('http://127.0.0.1:8787')).toMatchObject({ ok: true, url: 'http://127.0.0.1:8787' })
    expect(parseServerAddress('http://localhost:8787/')).toMatchObject({ ok: true, url: 'http://localhost:8787' })
    expect(parseServerAddress('http://[::1]:8787')).toEqual({ ok: false, problem: 'insecure' })
  })

  it('reads an address typed with a Chinese input method on (full-width colon, slashes, dots, spaces)', () => {
    expect(parseServerAddress('https：//sync.example.com')).toMatchObject({ ok: true, url: 'https://sync.example.com' })
    expect(parseServerAddress('\u3000ｈｔｔｐｓ：／／ｓｙｎｃ。ｅｘａｍｐｌｅ。ｃｏｍ／ｔｅａｍ\u3000')).toMatchObject({
      ok: true,
      url: 'https://sync.example.com/team',
    })
    expect(parseServerAddress('localhost：8787')).toMatchObject({ ok: true, url: 'https://localhost:8787' })
  })

  it('names what is wrong', () => {
    expect(parseServerAddress('  ')).toEqual({ ok: false, problem: 'empty' })
    expect(parseServerAddress('http://192.168.1.20:8787')).toEqual({ ok: false, problem: 'insecure' })
    expect(parseServerAddress('http://localhost.evil.com')).toEqual({ ok: false, problem: 'insecure' })
    expect(parseServerAddress('ftp://sync.example.com')).toEqual({ ok: false, problem: 'invalid' })
    expect(parseServerAddress('javascript:alert(1)')).toEqual({ ok: false, problem: 'invalid' })
    expect(parseServerAddress('https://bob:pw@sync.example.com')).toEqual({ ok: false, problem: 'credentials' })
    expect(parseServerAddress('https://sync.example.com/?a=1')).toEqual({ ok: false, problem: 'query' })
    expect(parseServerAddress('https://exa mple.com')).toEqual({ ok: false, problem: 'invalid' })
  })
})
