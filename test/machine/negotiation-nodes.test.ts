import { RestApplication } from 'restmachine'
import { createTestClient } from 'restmachine/testing'
import { describe, expect, it } from 'vitest'

const traceOf = (response: { headers: { get(name: string): string | null } }) =>
  response.headers.get('x-restmachine-trace')?.split(',') ?? []

function reportApp() {
  const app = new RestApplication({ trace: true })
  app.get('/report', () => ({ title: 'Report' }), {
    provides: {
      'application/json': (value) => JSON.stringify(value),
      'text/html': (value) => `<h1>${(value as { title: string }).title}</h1>`,
      'text/csv': () => 'title\r\nReport\r\n',
    },
    languages: ['en', 'fr'],
    charsets: ['utf-8', 'iso-8859-1'],
  })
  app.get('/plain', () => ({ any: 'thing' }))
  return createTestClient(app)
}

describe('C4 Acceptable media type?', () => {
  const client = reportApp()
  const pick = async (accept?: string) => {
    const response = await client.get('/report', accept === undefined ? {} : { headers: { accept } })
    return response.status === 406 ? 406 : response.headers.get('content-type')?.split(';')[0]
  }

  it('answers 406 when nothing offered is acceptable, after the nodes before it', async () => {
    const response = await client.get('/report', { headers: { accept: 'image/png' } })
    expect(response.status).toBe(406)
    expect(traceOf(response)).toEqual(['MESSAGE', 'B12', 'B11', 'ROUTE', 'B10', 'C4'])
    expect(response.headers.get('vary')).toBe('Accept')
  })

  it('gives the first offer to clients without Accept or with */*', async () => {
    expect(await pick()).toBe('application/json')
    expect(await pick('*/*')).toBe('application/json')
  })

  it('honours q-values, q=0 exclusions, ranges and case-insensitivity (RFC 9110 §12.5.1)', async () => {
    expect(await pick('text/csv;q=0.5, text/html;q=0.4')).toBe('text/csv')
    expect(await pick('text/*')).toBe('text/html')
    expect(await pick('*/*;q=0.1, application/json;q=0')).toBe('text/html')
    expect(await pick('Text/CSV')).toBe('text/csv')
    expect(await pick('text/*;q=0.5, text/csv')).toBe('text/csv')
  })

  it('gives ties to the server preference', async () => {
    expect(await pick('text/csv, text/html, application/json')).toBe('application/json')
  })

  it('disregards Accept on routes that declare no media types', async () => {
    const response = await client.get('/plain', { headers: { accept: 'image/png' } })
    expect(response.status).toBe(200)
    expect(traceOf(response)).not.toContain('C4')
    expect(response.headers.get('vary')).toBeNull()
  })
})

describe('D5 Acceptable language?', () => {
  const client = reportApp()

  it('picks a language, sets Content-Language and varies on Accept-Language', async () => {
    const response = await client.get('/report', {
      headers: { 'accept-language': 'fr-CH, fr;q=0.9, en;q=0.8' },
    })
    expect(response.headers.get('content-language')).toBe('fr')
    expect(response.headers.get('vary')).toBe('Accept, Accept-Language, Accept-Charset')
  })

  it('answers 406 when no offered language is acceptable', async () => {
    const response = await client.get('/report', { headers: { 'accept-language': 'de' } })
    expect(response.status).toBe(406)
    expect(traceOf(response).at(-1)).toBe('D5')
  })
})

describe('E6 Acceptable charset?', () => {
  const client = reportApp()

  it('puts the chosen charset in Content-Type', async () => {
    const response = await client.get('/report', {
      headers: { accept: 'text/html', 'accept-charset': 'iso-8859-1' },
    })
    expect(response.headers.get('content-type')).toBe('text/html; charset=iso-8859-1')
  })

  it('answers 406 when no offered charset is acceptable', async () => {
    const response = await client.get('/report', { headers: { 'accept-charset': 'utf-16' } })
    expect(response.status).toBe(406)
    expect(traceOf(response).at(-1)).toBe('E6')
  })
})

describe('renderers', () => {
  it('refuses at start a provides name without a registered renderer', async () => {
    const app = new RestApplication()
    app.get('/x', () => 1, { provides: ['application/yaml'] })
    await expect(app.start()).rejects.toThrow(/no renderer is registered for 'application\/yaml'/)
  })

  it('uses renderers registered by name, and escapes HTML by default', async () => {
    const app = new RestApplication().renderer(
      'application/yaml',
      (value) => `title: ${(value as { t: string }).t}\n`,
    )
    app.get('/x', () => ({ t: '<script>' }), { provides: ['application/yaml', 'text/html'] })
    const client = createTestClient(app)
    expect((await client.get('/x')).text).toBe('title: <script>\n')
    const html = await client.get('/x', { headers: { accept: 'text/html' } })
    expect(html.text).toContain('&lt;script&gt;')
    expect(html.text).not.toContain('<script>')
  })
})
