import { Unauthorized } from '../../errors/index.js'
import type { TtlStore } from '../../stores/index.js'
import { sha256Base64Url } from '../crypto/random-token.js'
import { failClosed } from '../errors.js'

/** A session as stored: its data and its absolute bounds (epoch ms). */
export interface SessionRecord<D> {
  readonly data: D
  readonly createdAt: number
  readonly expiresAt: number
}

/** What {@link SessionRecords.load} found. */
export type LoadedSession<D> =
  | { readonly status: 'live'; readonly record: SessionRecord<D> }
  | { readonly status: 'unknown' | 'expired' }

/** The 401 for a session cookie that names no live session. */
export function sessionError(message: string, challengeValue: string): Unauthorized {
  return new Unauthorized(message, { challenge: challengeValue, code: 'invalid_session' })
}

/**
 * Session records in a `TtlStore`, keyed by the SHA-256 of the id so a leaked store (a Redis dump,
 * a backup) holds no usable session ids. The store's TTL is the idle timeout, restarted on each use
 * and never beyond the absolute expiry kept inside the record. Store failures become 503.
 */
export class SessionRecords<D> {
  readonly store: TtlStore
  readonly prefix: string
  readonly now: () => number

  constructor(store: TtlStore, prefix: string, now: () => number) {
    this.store = store
    this.prefix = prefix
    this.now = now
  }

  async #key(id: string): Promise<string> {
    return this.prefix + (await sha256Base64Url(id))
  }

  /** Stores a new session; ids are random, so a collision means something is badly wrong. */
  async create(id: string, data: D, idle: number, absolute: number): Promise<SessionRecord<D>> {
    const createdAt = this.now()
    const record: SessionRecord<D> = { data, createdAt, expiresAt: createdAt + absolute * 1000 }
    const key = await this.#key(id)
    const stored = await failClosed(() =>
      this.store.setIfAbsent(key, JSON.stringify(record), Math.min(idle, absolute) * 1000),
    )
    if (!stored) throw new Error('Session id collision: the random source is broken')
    return record
  }

  /** Reads a session and restarts its idle clock; an expired one is deleted. */
  async load(id: string, idle: number): Promise<LoadedSession<D>> {
    const key = await this.#key(id)
    const raw = await failClosed(() => this.store.get(key))
    if (raw === null) return { status: 'unknown' }
    const record = parse<D>(raw)
    const remaining = record === undefined ? 0 : record.expiresAt - this.now()
    if (record === undefined || remaining <= 0) {
      await failClosed(() => this.store.delete(key))
      return { status: record === undefined ? 'unknown' : 'expired' }
    }
    const touched = await failClosed(() => this.store.touch(key, Math.min(idle * 1000, remaining)))
    return touched ? { status: 'live', record } : { status: 'unknown' }
  }

  /** Deletes a session (logout, or the old one at login). */
  async remove(id: string): Promise<void> {
    const key = await this.#key(id)
    await failClosed(() => this.store.delete(key))
  }
}

function parse<D>(raw: string): SessionRecord<D> | undefined {
  try {
    const value = JSON.parse(raw) as Partial<SessionRecord<D>> | null
    if (typeof value?.createdAt !== 'number' || typeof value.expiresAt !== 'number') return undefined
    return value as SessionRecord<D>
  } catch {
    return undefined
  }
}
