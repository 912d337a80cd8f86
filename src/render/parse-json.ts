import { BadRequest } from '../errors/index.js'

const decoder = new TextDecoder('utf-8', { fatal: true })

// `"__proto__"` or `"constructor"` as a key, with any of their letters possibly written as a
// \u escape (JSON.parse decodes those, so a plain substring test could be bypassed).
const SUSPICIOUS_KEY =
  /"(?:_|\\u005[fF])(?:_|\\u005[fF])(?:p|\\u0070)(?:r|\\u0072)(?:o|\\u006[fF])(?:t|\\u0074)(?:o|\\u006[fF])(?:_|\\u005[fF])(?:_|\\u005[fF])"\s*:|"(?:c|\\u0063)(?:o|\\u006[fF])(?:n|\\u006[eE])(?:s|\\u0073)(?:t|\\u0074)(?:r|\\u0072)(?:u|\\u0075)(?:c|\\u0063)(?:t|\\u0074)(?:o|\\u006[fF])(?:r|\\u0072)"\s*:/

/**
 * Parses JSON request content. Invalid UTF-8, invalid JSON (including empty content) and keys that
 * enable prototype pollution (`__proto__`, or `constructor` holding a `prototype`) are refused with
 * a 400 whose message says which. Code that merges the result with `Object.assign` stays safe.
 *
 * @example
 * parseJsonContent(new TextEncoder().encode('{"a":1}')) // { a: 1 }
 */
export function parseJsonContent(bytes: Uint8Array): unknown {
  let text: string
  try {
    text = decoder.decode(bytes)
  } catch {
    throw new BadRequest('Request body is not valid UTF-8')
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new BadRequest(
      text.trim() === '' ? 'Request body is empty; expected JSON' : 'Request body is not valid JSON',
    )
  }
  if (mayHoldPollutingKey(text)) assertNoPollutingKeys(value)
  return value
}

/** A cheap screen: without \u escapes the keys can only appear literally; with them, the full pattern. */
function mayHoldPollutingKey(text: string): boolean {
  if (text.includes('\\u')) return SUSPICIOUS_KEY.test(text)
  return text.includes('__proto__') || text.includes('constructor')
}

function assertNoPollutingKeys(root: unknown): void {
  const pending: unknown[] = [root]
  while (pending.length > 0) {
    const value = pending.pop()
    if (value === null || typeof value !== 'object') continue
    if (Array.isArray(value)) {
      for (const item of value) pending.push(item)
      continue
    }
    if (Object.hasOwn(value, '__proto__')) {
      throw new BadRequest('Request body contains the forbidden key "__proto__"')
    }
    const ctor = (value as Record<string, unknown>).constructor
    if (
      Object.hasOwn(value, 'constructor') &&
      ctor !== null &&
      typeof ctor === 'object' &&
      Object.hasOwn(ctor, 'prototype')
    ) {
      throw new BadRequest('Request body contains the forbidden key "constructor.prototype"')
    }
    for (const key of Object.keys(value)) pending.push((value as Record<string, unknown>)[key])
  }
}
