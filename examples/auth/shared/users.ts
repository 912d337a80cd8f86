/**
 * The demo users: alice@example.com (admin), mo@example.com (moderator), bob@example.com (user);
 * every password is `secret`, kept only as an argon2id hash made at start-up.
 */
import type { PasswordHasher } from 'restmachine/auth'

/** A user as the examples store it. */
export interface StoredUser {
  id: string
  email: string
  role: 'admin' | 'moderator' | 'user'
  passwordHash: string
}

/** A user as the API shows it: never the password hash. */
export type PublicUser = Omit<StoredUser, 'passwordHash'>

/** The three users of examples 3–5. */
export const DEMO_USERS: readonly PublicUser[] = [
  { id: '1', email: 'alice@example.com', role: 'admin' },
  { id: '2', email: 'bob@example.com', role: 'user' },
  { id: '3', email: 'mo@example.com', role: 'moderator' },
]

/**
 * Hashes the demo password for each user.
 *
 * @example
 * const users = await withPasswords(DEMO_USERS, passwords)
 */
export async function withPasswords(
  users: readonly PublicUser[],
  passwords: PasswordHasher,
): Promise<StoredUser[]> {
  return Promise.all(users.map(async (user) => ({ ...user, passwordHash: await passwords.hash('secret') })))
}

/** The public view of a stored user. @example toPublic(user) // { id, email, role } */
export function toPublic({ id, email, role }: PublicUser): PublicUser {
  return { id, email, role }
}
