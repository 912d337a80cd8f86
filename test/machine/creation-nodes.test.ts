import { RestApplication, respond } from 'restmachine'
import { createTestClient } from 'restmachine/testing'
import { describe, expect, it } from 'vitest'

const traceOf = (response: { headers: { get(name: string): string | null } }) =>
  response.headers.get('x-restmachine-trace')?.split(',') ?? []

interface Note {
  id: string
  text: string
}

/** A PUT route that creates its note when missing; the shelf must exist for either. */
function notesApp(options: { conflict?: boolean } = {}) {
  const notes = new Map<string, Note>([['a', { id: 'a', text: 'first' }]])
  const loads: string[] = []
  const app = new RestApplication({ trace: true })
    .resourceExists('shelf', ({ pathParams }) => (pathParams.shelfName === 'main' ? { name: 'main' } : null))
    .resourceExists('note', ({ pathParams }) => {
      loads.push(pathParams.id as string)
      return notes.get(pathParams.id as string) ?? null
    })
    .dependency('owner', ({ note }) => (note === undefined ? 'nobody yet' : 'someone'))
  app.put(
    '/shelves/{shelfName}/notes/{id}',
    ({ shelf, note, owner, pathParams }) => {
      const saved = { id: pathParams.id as string, text: `${shelf.name}:${owner}:${note?.text ?? 'new'}` }
      notes.set(saved.id, saved)
      return saved
    },
    { creates: 'note', ...(options.conflict ? { conflict: () => true } : {}) },
  )
  return { client: createTestClient(app), loads }
}

describe('I7/H7/P3/P11 a PUT that creates its resource (RFC 9110 §9.3.4)', () => {
  it('answers 201 + Location through I7 and P11, with the missing resource injected as undefined', async () => {
    const { client, loads } = notesApp()
    const response = await client.put('/shelves/main/notes/b')
    expect(response.status).toBe(201)
    expect(response.headers.get('location')).toBe('/shelves/main/notes/b')
    expect(response.json()).toEqual({ id: 'b', text: 'main:nobody yet:new' })
    expect(traceOf(response)).toEqual([
      'MESSAGE',
      'B12',
      'B11',
      'ROUTE',
      'B10',
      'G7',
      'I7',
      'H7',
      'B4',
      'HANDLER',
      'P11',
    ])
    // I7 goes on with the resource phase; it does not load the resource a second time.
    expect(loads).toEqual(['b'])
  })

  it('answers 201 + Location with no content when the creating handler returns nothing', async () => {
    const app = new RestApplication().resourceExists('note', ({ pathParams }) =>
      pathParams.id === 'a' ? { id: 'a' } : null,
    )
    const saved: string[] = []
    app.put('/notes/{id}', ({ note, pathParams }) => void saved.push(note?.id ?? `new ${pathParams.id}`), {
      creates: 'note',
    })
    const client = createTestClient(app)
    const created = await client.put('/notes/b')
    expect(created.status).toBe(201)
    expect(created.headers.get('location')).toBe('/notes/b')
    expect(created.text).toBe('')
    // Replacing an existing resource with nothing to say stays 204 (RFC 9110 §9.3.4).
    expect((await client.put('/notes/a')).status).toBe(204)
    expect(saved).toEqual(['new b', 'a'])
  })

  it('keeps a 204 the creating handler chose itself', async () => {
    const app = new RestApplication().resourceExists('note', () => null)
    app.put('/notes/{id}', ({ note }) => respond(note ?? null, { status: 204 }), { creates: 'note' })
    expect((await createTestClient(app).put('/notes/b')).status).toBe(204)
  })

  it('answers 200 for a PUT to a resource that exists, through the precondition nodes and not I7', async () => {
    const { client } = notesApp()
    const response = await client.put('/shelves/main/notes/a')
    expect(response.status).toBe(200)
    expect(response.headers.has('location')).toBe(false)
    expect(traceOf(response)).not.toContain('I7')
    expect(traceOf(response).at(-1)).toBe('P11')
  })

  it('answers 412 at H7 when If-Match asks for a representation that does not exist, even *', async () => {
    const { client } = notesApp()
    for (const ifMatch of ['*', '"v1"']) {
      const response = await client.put('/shelves/main/notes/c', { headers: { 'If-Match': ifMatch } })
      expect(response.status, ifMatch).toBe(412)
      expect(traceOf(response).slice(-3)).toEqual(['G7', 'I7', 'H7'])
    }
    expect((await client.put('/shelves/main/notes/c')).status).toBe(201)
  })

  it('creates with If-None-Match: * (create only if absent), and refuses it once the resource exists', async () => {
    const { client } = notesApp()
    const headers = { 'If-None-Match': '*' }
    expect((await client.put('/shelves/main/notes/d', { headers })).status).toBe(201)
    expect((await client.put('/shelves/main/notes/d', { headers })).status).toBe(412)
  })

  it('answers 409 at P3 when the conflict callback objects to the creation', async () => {
    const { client } = notesApp({ conflict: true })
    const response = await client.put('/shelves/main/notes/e')
    expect(response.status).toBe(409)
    expect(traceOf(response).slice(-2)).toEqual(['H7', 'P3'])
  })

  it('answers 404 when another resource of the route is missing: I7 creates only the one named', async () => {
    const { client, loads } = notesApp()
    const response = await client.put('/shelves/attic/notes/f')
    expect(response.status).toBe(404)
    expect(traceOf(response).slice(-2)).toEqual(['G7', 'I7'])
    expect(loads).toEqual([])
  })
})
