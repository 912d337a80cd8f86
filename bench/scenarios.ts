/**
 * Shared fixtures for the benchmark: every server (restmachine and the peers) and the
 * harness import the same data, schema, claims and paths from here, so that all servers
 * do exactly the same work and any load tool can drive any server.
 */
import { jwtVerify, SignJWT } from 'jose'
import pino from 'pino'
import { z } from 'zod'

// ---------------------------------------------------------------------------------------------
// Fixed paths (scenario numbers follow the issue)
// ---------------------------------------------------------------------------------------------

export const PATHS = {
  /** (1) GET → 200 {"hello":"world"}; (6) DELETE → 405 */
  hello: '/hello',
  /** (2) GET /users/{id}, ids "0" … "999" */
  users: '/users/',
  /** (3) GET with `Authorization: Bearer <HS256 JWT>` */
  profile: '/profile',
  /** (4) GET, conditional with If-None-Match → 304 */
  doc: '/doc',
  /** (4) the same document, compressed for `Accept-Encoding: br, gzip` (issue 11 §5) */
  docCompressed: '/compressed/doc',
  /** (5) POST a 1 KB JSON body validated with zod → 201 */
  items: '/items',
  /** (6) GET → 404 */
  missing: '/missing',
} as const

export const userPath = (id: string | number): string => `${PATHS.users}${id}`

// Kept in a module of their own, without dependencies, for servers that need nothing else from here.
export { DEFAULT_HOST, DEFAULT_PORT, listenOptions, readyLine } from './listen.js'

/**
 * The logger of a `-pino` server variant (`bench/servers/restmachine-pino.ts`, `fastify-pino.ts`,
 * which set `BENCH_LOGGING=pino` and load the plain server), else `undefined`: no logging, as the
 * plain servers run. Every server gets the same pino with the same synchronous `/dev/null`
 * destination, so what differs is each framework's own logging work (the lines it makes,
 * serialises and writes), not the disk.
 */
export function benchLogger(): pino.Logger | undefined {
  if (process.env.BENCH_LOGGING !== 'pino') return undefined
  return pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: true }))
}

// ---------------------------------------------------------------------------------------------
// (1) hello
// ---------------------------------------------------------------------------------------------

export const HELLO = { hello: 'world' } as const

// ---------------------------------------------------------------------------------------------
// (2) users: a startup "database" and a request-scoped dependency
// ---------------------------------------------------------------------------------------------

export interface User {
  id: string
  name: string
  email: string
  role: 'admin' | 'editor' | 'viewer'
  created_at: string
}

export type UserDb = ReadonlyMap<string, User>

export const USER_COUNT = 1000

/** Users take the roles in turn: 0 admin, 1 editor, 2 viewer, 3 admin… */
function roleOf(i: number): User['role'] {
  const turn = i % 3
  return turn === 0 ? 'admin' : turn === 1 ? 'editor' : 'viewer'
}

/** The application-scoped dependency: built once at startup, shared by every request. */
export function createUserDb(count = USER_COUNT): UserDb {
  const db = new Map<string, User>()
  const epoch = Date.UTC(2024, 0, 1)
  for (let i = 0; i < count; i++) {
    const id = String(i)
    db.set(id, {
      id,
      name: `User ${i}`,
      email: `user${i}@example.com`,
      role: roleOf(i),
      created_at: new Date(epoch + i * 3_600_000).toISOString(),
    })
  }
  return db
}

/**
 * The request-scoped dependency: a fresh object per request (think correlation id + clock of a
 * unit of work). The handler must use it (its id is echoed in the body as `request_id`), so no
 * framework can skip building it.
 */
export interface RequestContext {
  requestId: string
  receivedAt: number
}

let requestCounter = 0
export function createRequestContext(): RequestContext {
  requestCounter = (requestCounter + 1) % Number.MAX_SAFE_INTEGER
  return { requestId: `req-${requestCounter.toString(36)}`, receivedAt: Date.now() }
}

/** The body of `GET /users/{id}`: the stored user plus the request-scoped id. */
export interface UserResponse extends User {
  request_id: string
}

export const userResponse = (user: User, ctx: RequestContext): UserResponse => ({
  ...user,
  request_id: ctx.requestId,
})

// ---------------------------------------------------------------------------------------------
// (3) profile: HS256 JWT
// ---------------------------------------------------------------------------------------------

export interface ProfileClaims {
  user_id: string
  email: string
  role: string
}

export const PROFILE_CLAIMS: ProfileClaims = { user_id: '42', email: 'user42@example.com', role: 'admin' }

export const DEFAULT_JWT_SECRET = 'restmachine-bench-secret-change-me-0123456789'

/** The HS256 key, from `BENCH_JWT_SECRET` (the harness passes the same value to every server). */
export function jwtSecret(): Uint8Array {
  return new TextEncoder().encode(process.env.BENCH_JWT_SECRET ?? DEFAULT_JWT_SECRET)
}

/**
 * The HS256 key as a CryptoKey, imported once at startup — what servers pass to
 * `verifyProfileToken`. (Handing jose the raw bytes instead makes it import a key on every
 * verification, which costs about as much as the HMAC itself.)
 */
export function jwtKey(secret: Uint8Array = jwtSecret()): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', new Uint8Array(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'verify',
  ])
}

/** Mints a valid token for the load generator (valid for 12 hours). */
export async function mintToken(
  claims: ProfileClaims = PROFILE_CLAIMS,
  secret: Uint8Array = jwtSecret(),
): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt()
    .setExpirationTime('12h')
    .sign(secret)
}

/**
 * Verifies a bearer token and returns the profile claims, or `null` when it is missing or
 * invalid. Every server uses exactly this (jose `jwtVerify`, HS256 only).
 */
export async function verifyProfileToken(
  authorization: string | null | undefined,
  key: CryptoKey | Uint8Array,
): Promise<ProfileClaims | null> {
  if (!authorization || authorization.length < 8 || authorization.slice(0, 7).toLowerCase() !== 'bearer ') {
    return null
  }
  try {
    const { payload } = await jwtVerify(authorization.slice(7), key, { algorithms: ['HS256'] })
    const { user_id, email, role } = payload
    if (typeof user_id !== 'string' || typeof email !== 'string' || typeof role !== 'string') return null
    return { user_id, email, role }
  } catch {
    return null
  }
}

// ---------------------------------------------------------------------------------------------
// (4) doc: a ~10 KB JSON resource that takes real work to build
// ---------------------------------------------------------------------------------------------

export interface DocumentItem {
  id: number
  sku: string
  title: string
  price: number
  stock: number
  tags: string[]
  checksum: string
}

export const DOCUMENT_ITEMS = 100

/**
 * The document's revision. A server that can validate a conditional request *before* building
 * the body may derive its ETag from this; the peers (and their ETag middlewares) hash the built
 * body instead, which is the idiomatic way in each of them.
 */
export const DOCUMENT_VERSION = 1

/**
 * Builds the `/doc` body from scratch: 100 objects with computed fields, serialised with
 * JSON.stringify. Deterministic (same bytes every call), about 10 KB. Servers must call it per
 * request (it stands for "load from storage and render"); caching the result is not allowed.
 */
export function buildDocument(): string {
  const items: DocumentItem[] = new Array(DOCUMENT_ITEMS)
  for (let i = 0; i < DOCUMENT_ITEMS; i++) {
    // a little arithmetic per item so the work cannot be constant-folded away
    let h = 2166136261 ^ i
    for (let k = 0; k < 16; k++) h = Math.imul(h ^ (h >>> 13), 16777619) >>> 0
    items[i] = {
      id: i,
      sku: `SKU-${String(100000 + i * 37).padStart(7, '0')}`,
      title: `Item ${i}`,
      price: Math.round(((h % 100000) / 100 + 1) * 100) / 100,
      stock: h % 500,
      tags: [`t${i % 7}`, `g${i % 13}`],
      checksum: h.toString(16).padStart(8, '0'),
    }
  }
  return JSON.stringify({ version: DOCUMENT_VERSION, generated_by: 'bench', count: items.length, items })
}

/** The Accept-Encoding of the compressed scenario: what a browser sends, brotli first. */
export const COMPRESSED_ACCEPT_ENCODING = 'br, gzip'

// ---------------------------------------------------------------------------------------------
// (5) items: zod-validated 1 KB JSON body
// ---------------------------------------------------------------------------------------------

export const ItemSchema = z.object({
  name: z.string().min(1).max(100),
  price: z.number().nonnegative().max(1_000_000),
  currency: z.enum(['EUR', 'USD', 'GBP']),
  quantity: z.number().int().min(1).max(10_000),
  tags: z.array(z.string().min(1).max(32)).max(20),
  description: z.string().max(2000),
})

export type Item = z.infer<typeof ItemSchema>

export interface CreatedItem extends Item {
  id: string
}

export const ITEM_FIXTURE: Item = {
  name: 'Ergonomic mechanical keyboard',
  price: 129.99,
  currency: 'EUR',
  quantity: 3,
  tags: ['keyboard', 'mechanical', 'ergonomic', 'usb-c', 'hot-swap', 'rgb', 'office', 'gaming'],
  description:
    'A full-size mechanical keyboard with hot-swappable switches, a detachable USB-C cable, ' +
    'PBT double-shot keycaps and a split, tented layout that keeps wrists in a neutral position. ' +
    'Per-key RGB lighting can be switched off entirely. The aluminium case is anodised and the ' +
    'plate is gasket-mounted to soften the typing feel. Ships with a wrist rest, a keycap puller, ' +
    'a switch puller, four spare switches and a braided cable. Compatible with Linux, macOS and ' +
    'Windows without drivers; firmware can be reprogrammed with open-source tooling. Two-year ' +
    'warranty; replacement parts are sold separately. Dimensions 440 x 140 x 35 mm, weight 1.1 kg. ' +
    'Available in three colours; this is the graphite variant with linear switches. Spare keycap ' +
    'sets in other colours and profiles are available from the same shop at a reduced price.',
}

/** The exact request body of `POST /items` (about 1 KB). */
export const ITEM_BODY: string = JSON.stringify(ITEM_FIXTURE)

/** A body that must be rejected (400) by every server. */
export const INVALID_ITEM_BODY: string = JSON.stringify({ ...ITEM_FIXTURE, price: -1, tags: 'nope' })

let itemCounter = 0
/** "Stores" a validated item: assigns an id. */
export function createItem(item: Item): CreatedItem {
  itemCounter = (itemCounter + 1) % Number.MAX_SAFE_INTEGER
  return { id: `item-${itemCounter.toString(36)}`, ...item }
}

// ---------------------------------------------------------------------------------------------
// (6) errors
// ---------------------------------------------------------------------------------------------

/** Methods the /hello resource allows; everything else must get 405 with this Allow header. */
export const HELLO_ALLOW = 'GET, HEAD'
