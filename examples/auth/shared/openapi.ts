/**
 * What the auth examples' OpenAPI documents share: the response schemas (handlers return plain
 * objects; these only document them), the licence and contact, and the security schemes the
 * building blocks check.
 */
import type { OpenApiInfo, SecuritySchemeObject } from 'restmachine'
import { z } from 'zod'

/** A user as the API shows it. */
export const UserSchema = z
  .object({ id: z.string(), email: z.string(), role: z.enum(['admin', 'moderator', 'user']) })
  .meta({ title: 'User' })

/** `{ user }`: the signed-in user. */
export const ProfileSchema = z.object({ user: UserSchema }).meta({ title: 'Profile' })

/** `{ users }`: a list of users. */
export const UsersSchema = z.object({ users: z.array(UserSchema) }).meta({ title: 'Users' })

/** A plain confirmation. */
export const MessageSchema = z.object({ message: z.string() }).meta({ title: 'Message' })

/** What login and refresh answer in the JWT examples. */
export const TokensSchema = z
  .object({
    access_token: z.string().meta({ description: 'An HS256 JWT; send it as `Authorization: Bearer …`.' }),
    refresh_token: z.string().meta({ description: 'Single use: each refresh answers a new one.' }),
    token_type: z.literal('bearer'),
    expires_in: z.int().meta({ description: 'Seconds until the access token expires.' }),
  })
  .meta({ title: 'Tokens' })

/** What the examples' error handlers answer for 401 and 403: `{ error, message }`. */
export const AuthErrorSchema = z
  .object({ error: z.enum(['Unauthorized', 'Forbidden']), message: z.string() })
  .meta({ title: 'AuthError' })

/** The bodies of the statuses the examples' error handlers answer (`errorBodies` of their documents). */
export const AUTH_ERROR_BODIES = { 401: AuthErrorSchema, 403: AuthErrorSchema }

/** The access tokens of the JWT examples. */
export const JWT_SCHEME: SecuritySchemeObject = { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }

/** The info every example's document shares. */
export const EXAMPLE_INFO = {
  version: '1.0.0',
  license: { name: 'MIT', identifier: 'MIT' },
  contact: { name: 'RestMachine examples', email: 'examples@example.org' },
} as const satisfies Partial<OpenApiInfo>

/** The tags of the login examples. */
export const AUTH_TAGS = [
  { name: 'auth', description: 'Logging in and out: credentials for tokens or a session.' },
  { name: 'users', description: 'The signed-in user and, for those allowed, other users.' },
  { name: 'openapi', description: 'This document.' },
] as const
