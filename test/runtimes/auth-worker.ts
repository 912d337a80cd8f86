// A module worker using restmachine/auth on workerd: API keys work (Web Crypto only), password
// hashing cannot (argon2 is a native addon), and says so. Run by passwords-on-runtimes.test.ts.
import { RestApplication } from 'restmachine'
import { apiKey, passwordHasher } from 'restmachine/auth'

const passwords = passwordHasher({ memoryCost: 1024, timeCost: 1 })
const app = new RestApplication().authorized('caller', apiKey({ keys: { key_12345: { name: 'Alice' } } }))
app.get('/me', ({ caller }) => caller)
app.get('/hash', async () => {
  try {
    return { hashed: await passwords.hash('correct horse') }
  } catch (error) {
    return { error: (error as Error).message }
  }
})

export default { fetch: app.fetch }
