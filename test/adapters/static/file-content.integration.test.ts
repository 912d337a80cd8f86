import { mkdtempSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { fileContent } from '../../../src/adapters/node/file-content.js'

const dir = mkdtempSync(join(tmpdir(), 'restmachine-file-content-'))

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<string> {
  let text = ''
  for await (const chunk of chunks) text += Buffer.from(chunk).toString()
  return text
}

describe('fileContent', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('reads the whole file, or one range of it, from disk', async () => {
    const path = join(dir, 'letters.txt')
    writeFileSync(path, 'abcdefghij')
    const content = fileContent(path, 10)
    expect(content.byteLength).toBe(10)
    expect(await collect(content)).toBe('abcdefghij')
    expect(await collect(content.read(3, 5))).toBe('def')
  })

  it('reads nothing of an empty file', async () => {
    const path = join(dir, 'empty.txt')
    writeFileSync(path, '')
    expect(await collect(fileContent(path, 0))).toBe('')
  })

  it('fails the read of a file that shrank since its stat, and sends no more than its length of one that grew', async () => {
    const path = join(dir, 'changing.txt')
    writeFileSync(path, 'x'.repeat(100))
    const content = fileContent(path, 100)
    truncateSync(path, 10)
    await expect(collect(content)).rejects.toThrow(/changed while it was read/)
    writeFileSync(path, 'y'.repeat(200))
    expect(await collect(content)).toBe('y'.repeat(100))
  })

  it('opens nothing until read: a missing file fails only when iterated', async () => {
    const content = fileContent(join(dir, 'missing.txt'), 5)
    expect(content.byteLength).toBe(5)
    await expect(collect(content)).rejects.toThrow(/ENOENT/)
  })

  it('reads through the descriptor it was given, closes it after, and reopens the path for a later range', async () => {
    const path = join(dir, 'opened.txt')
    writeFileSync(path, 'abcdefghij')
    const handle = await open(path, 'r')
    const content = fileContent(path, 10, handle)
    unlinkSync(path) // the path is gone: only the open descriptor can still read it
    expect(await collect(content.read(0, 2))).toBe('abc')
    expect(handle.fd).toBe(-1)
    writeFileSync(path, 'ABCDEFGHIJ')
    expect(await collect(content.read(3, 5))).toBe('DEF')
  })

  it('closes the descriptor it was given when nothing of it is read (an empty range)', async () => {
    const path = join(dir, 'unread.txt')
    writeFileSync(path, '')
    const handle = await open(path, 'r')
    expect(await collect(fileContent(path, 0, handle))).toBe('')
    expect(handle.fd).toBe(-1)
  })
})
