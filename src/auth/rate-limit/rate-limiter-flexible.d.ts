// Types for the two engines imported by their own files, so that `restmachine/auth` does not load
// rate-limiter-flexible's index (which requires `cluster` and every other store's code).
declare module 'rate-limiter-flexible/lib/RateLimiterMemory.js' {
  import type { RateLimiterMemory } from 'rate-limiter-flexible'

  const Memory: typeof RateLimiterMemory
  export default Memory
}

declare module 'rate-limiter-flexible/lib/RateLimiterRedis.js' {
  import type { RateLimiterRedis } from 'rate-limiter-flexible'

  const Redis: typeof RateLimiterRedis
  export default Redis
}
