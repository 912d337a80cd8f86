// Hashes and verifies one password with restmachine/auth's passwordHasher (argon2id through
// @node-rs/argon2) and prints what happened as one JSON line: run on each runtime by
// passwords-on-runtimes.integration.test.ts.
import { passwordHasher } from 'restmachine/auth'

const passwords = passwordHasher({ memoryCost: 1024, timeCost: 1 })
try {
  const stored = await passwords.hash('correct horse')
  const right = await passwords.verify(stored, 'correct horse')
  const wrong = await passwords.verify(stored, 'battery staple')
  console.log(JSON.stringify({ scheme: stored.split('$')[1], right, wrong }))
} catch (error) {
  console.log(JSON.stringify({ error: (error as Error).message }))
}
