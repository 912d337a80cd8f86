// A Cloudflare Worker that uses restmachine/auth: bundled by esbuild for workerd and run by
// miniflare in test/package/workerd-passwords.integration.test.ts.
import { createJwt, passwordHasher } from 'restmachine/auth'

const jwt = createJwt({ secret: 'a-worker-secret-of-at-least-32-bytes!' })

export default {
  async fetch(request: Request): Promise<Response> {
    if (new URL(request.url).pathname === '/jwt') {
      const token = await jwt.sign({ role: 'worker' }, { expiresIn: 60, subject: 'worker-1' })
      const claims = await jwt.verify(token)
      return Response.json({ role: claims.role, sub: claims.sub })
    }
    try {
      await passwordHasher().hash('correct horse battery staple')
      return Response.json({ hashed: true })
    } catch (error) {
      return Response.json({ error: (error as Error).message }, { status: 500 })
    }
  },
}
