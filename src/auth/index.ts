/**
 * The auth room's public door (`restmachine/auth`): authentication and authorization building
 * blocks, each a dependency factory for `app.dependency` / `app.authorized` / `app.forbidden`.
 * Durations are in seconds throughout. Only passwords need Node (argon2, loaded lazily).
 *
 * @example
 * import { createJwt, jwtBearer, requireRole } from 'restmachine/auth'
 * const jwt = createJwt({ secret: process.env.JWT_SECRET_KEY!, issuer: 'my-api' })
 * app.authorized('currentUser', jwtBearer(jwt)).forbidden('requireAdmin', requireRole('admin'))
 */
export type { AuthContext, AuthDependency } from './context.js'
export { type ApiKeyOptions, apiKey } from './credentials/api-key.js'
export { type ReadBearerOptions, readBearerToken } from './credentials/authorization.js'
export { type BearerAuthOptions, bearerAuth } from './credentials/bearer-auth.js'
export { type OptionalOptions, optional } from './credentials/optional.js'
export { type SecretLookup, secretLookup } from './credentials/secret-lookup.js'
export { singleHeader } from './credentials/single-header.js'
export { constantTimeEqual, digestsEqual } from './crypto/constant-time.js'
export { isRandomToken, randomToken, sha256, sha256Base64Url, toBase64Url } from './crypto/random-token.js'
export {
  authenticationUnavailable,
  CredentialsMissing,
  challenge,
  failClosed,
  insufficientScope,
  invalidRequest,
  invalidToken,
  isStoreUnavailable,
} from './errors.js'
export { createJwt, Jwt } from './jwt/jwt.js'
export { type JwtBearerOptions, jwtBearer } from './jwt/jwt-bearer.js'
export { JwtError, type JwtFailure } from './jwt/jwt-errors.js'
export type {
  JwtAlgorithm,
  JwtClaims,
  JwtKey,
  JwtOptions,
  SignOptions,
  VerifyOptions,
} from './jwt/jwt-types.js'
export { assertScopes, grantedScopes, requireScope } from './jwt/scopes.js'
export { type SecretFromEnvironmentOptions, secretFromEnvironment } from './jwt/secret-from-environment.js'
export { type OidcHandler, OidcLogin, oidcLogin } from './oidc/oidc-login.js'
export {
  DEFAULT_ID_TOKEN_ALGORITHMS,
  type OidcClaims,
  type OidcLoginOptions,
  type OidcSession,
} from './oidc/oidc-types.js'
export { safeReturnTo } from './oidc/return-to.js'
export { PasswordHasher, type PasswordHasherOptions, passwordHasher } from './passwords/password-hasher.js'
export { type ClientAddressOptions, clientAddress, normaliseAddress } from './rate-limit/client-address.js'
export { createRateLimiterEngine, type EngineOptions, type RateLimiterEngine } from './rate-limit/engine.js'
export { type RateLimitOptions, rateLimit } from './rate-limit/rate-limit.js'
export { type RateLimitState, rateLimitHeaders } from './rate-limit/rate-limit-headers.js'
export { type OwnerOrRoleOptions, ownerOrRole } from './rbac/owner-or-role.js'
export {
  definePermissions,
  type PermissionOf,
  type Permissions,
  type PermissionTable,
} from './rbac/permissions.js'
export { hasRole, requireRole, roleMessage, rolesOf, type WithRoles } from './rbac/roles.js'
export {
  type IssuedRefreshToken,
  RefreshTokens,
  type RefreshTokensOptions,
  type RotatedRefreshToken,
  refreshTokens,
} from './refresh/refresh-tokens.js'
export {
  CookieSessions,
  type CookieSessionsOptions,
  cookieSessions,
  type Session,
} from './sessions/cookie-sessions.js'
export { assertSameOrigin, type CsrfOptions, csrfProtection, isUnsafeMethod } from './sessions/csrf.js'
export { ownOrigin, requestIsHttps } from './sessions/request-origin.js'
export { type SessionCookieAttributes, sessionCookie } from './sessions/session-cookie.js'
