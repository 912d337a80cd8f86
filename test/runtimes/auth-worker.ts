// A module worker using restmachine/auth on workerd: API keys and JWTs work (Web Crypto only),
// password hashing cannot (argon2 is a native addon), and says so. Run by passwords-on-runtimes.integration.test.ts.
import { RestApplication } from 'restmachine'
import { apiKey, createJwt, jwtBearer, passwordHasher } from 'restmachine/auth'

const passwords = passwordHasher({ memoryCost: 1024, timeCost: 1 })
const jwt = createJwt({ secret: 'a-test-secret-of-at-least-thirty-two-bytes!', issuer: 'auth-worker' })
const app = new RestApplication()
  .authorized('caller', apiKey({ keys: { key_12345: { name: 'Alice' } } }))
  .authorized('bearer', jwtBearer(jwt))
app.get('/token', async () => ({
  token: await jwt.sign({ name: 'Bob' }, { expiresIn: 60, subject: 'bob', type: 'access' }),
}))
app.get('/whoami', ({ bearer }) => bearer)
app.get('/me', ({ caller }) => caller)
app.get('/hash', async () => {
  try {
    return { hashed: await passwords.hash('correct horse') }
  } catch (error) {
    return { error: (error as Error).message }
  }
})

export default { fetch: app.fetch }
