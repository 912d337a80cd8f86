/** The versions a scale or memory table was measured with: Node, restmachine, fastify, find-my-way. */
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

function version(pkg: string): string {
  try {
    return (require(`${pkg}/package.json`) as { version: string }).version
  } catch {
    return '?'
  }
}

/** e.g. `Node v20.20.2, restmachine 0.1.0, fastify 5.x, find-my-way 9.x`. */
export function versionsLine(): string {
  const ours = (require('../../package.json') as { version: string }).version
  return `Node ${process.version}, restmachine ${ours}, fastify ${version('fastify')}, find-my-way ${version('find-my-way')}`
}
