// Run by test/package/installed-package.integration.test.ts with node inside a fresh project that installed
// only the restmachine tarball: what a user without the optional peers gets. Prints one JSON line.
const results = {}

const attempt = async (work) => {
  try {
    await work()
    return 'no error'
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}

for (const entry of [
  'restmachine',
  'restmachine/auth',
  'restmachine/node',
  'restmachine/fetch',
  'restmachine/testing',
  'restmachine/lambda',
  'restmachine/client',
  'restmachine/redis',
]) {
  results[entry] = await attempt(() => import(entry))
}

const { RestApplication } = await import('restmachine')
const auth = await import('restmachine/auth')

results.hash = await attempt(() => auth.passwordHasher().hash('correct horse battery staple'))
results.verify = await attempt(() =>
  auth.passwordHasher().verify('$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo', 'pw'),
)
results.sign = await attempt(() =>
  auth.createJwt({ secret: 'a-secret-of-at-least-thirty-two-bytes!' }).sign({ sub: '1' }, { expiresIn: 60 }),
)
results.verifyToken = await attempt(() =>
  auth.createJwt({ secret: 'a-secret-of-at-least-thirty-two-bytes!' }).verify('a.b.c'),
)

const logged = []
const app = new RestApplication({
  logger: { error: (_message, details) => logged.push(details.error.message) },
})
app.dependency('limit', auth.rateLimit({ name: 'api', points: 5, duration: 60 }))
app.get('/limited', () => 'counted', { requires: ['limit'] })
app.get('/hello', () => ({ hello: 'world' }))
const hello = await app.fetch(new Request('http://localhost/hello'))
results.hello = [hello.status, await hello.text()]
const { createClient } = await import('restmachine/client')
const helloByClient = await createClient(app.fetch).get('/hello')
results.helloByClient = [helloByClient.status, helloByClient.body]
const limited = await app.fetch(new Request('http://localhost/limited'))
results.limited = [limited.status, await limited.text(), logged]

console.log(JSON.stringify(results))
