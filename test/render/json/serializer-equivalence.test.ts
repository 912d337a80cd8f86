import { describe, expect, it } from 'vitest'
import { compileJsonSerializer } from '../../../src/render/index.js'
import { prng as seeded } from '../../http/garbage.js'

// A seeded property test (fast-check is not a dependency): random schemas, random valid data for
// them, and the serializer's text compared with JSON.stringify's. Undeclared properties are added
// to the data given to the serializer but not to the data JSON.stringify sees, since they are dropped.

type Schema = Record<string, unknown>
type Random = () => number

const pick = <T>(random: Random, options: readonly T[]): T =>
  options[Math.floor(random() * options.length)] as T
const NAMES = [
  'id',
  'name',
  'a b',
  'quo"te',
  'back\\slash',
  '__proto__',
  'constructor',
  'ünï',
  '\u2028',
  'x',
  'y',
  'z',
]
const CHARS = [
  'a',
  'Z',
  '0',
  ' ',
  '"',
  '\\',
  '\n',
  '\t',
  '\u0000',
  '\u001f',
  '\u007f',
  'é',
  '\u2028',
  '\ud800',
  '\udc00',
  '\ud83d\ude00',
  '/',
  '<',
]
const NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.1,
  1e21,
  1e-7,
  123456789.125,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.MIN_VALUE,
  Number.MAX_SAFE_INTEGER,
]

function randomString(random: Random): string {
  let text = ''
  const length = Math.floor(random() * 8)
  for (let i = 0; i < length; i++) text += pick(random, CHARS)
  return text
}

function randomSchema(random: Random, depth: number): Schema {
  const kinds =
    depth > 2
      ? ['string', 'number', 'integer', 'boolean', 'null', 'enum']
      : [
          'object',
          'array',
          'object',
          'string',
          'number',
          'integer',
          'boolean',
          'null',
          'enum',
          'nullable',
          'typeList',
          'ref',
        ]
  const kind = pick(random, kinds)
  if (kind === 'object') {
    const names = [...new Set(NAMES.filter(() => random() < 0.3))]
    const properties = Object.fromEntries(names.map((name) => [name, randomSchema(random, depth + 1)]))
    const schema: Schema = { type: 'object', properties, required: names.filter(() => random() < 0.6) }
    const open = random()
    if (open < 0.2) schema.additionalProperties = true
    else if (open < 0.5) schema.additionalProperties = false
    return schema
  }
  if (kind === 'array') return { type: 'array', items: randomSchema(random, depth + 1) }
  if (kind === 'enum') return { enum: [randomString(random), 1, true, null, 2.5] }
  if (kind === 'nullable') return { anyOf: [randomSchema(random, depth + 1), { type: 'null' }] }
  if (kind === 'typeList') return { type: ['string', 'null'] }
  if (kind === 'ref') return { $ref: '#/$defs/Shared' }
  return { type: kind, ...(kind === 'string' && random() < 0.3 ? { format: 'date-time' } : {}) }
}

const SHARED: Schema = {
  type: 'object',
  properties: { n: { type: 'number' }, s: { type: 'string' } },
  required: ['n'],
}

/** A valid value for the schema, twice: as the serializer gets it (with extras) and as JSON.stringify should see it. */
function randomValue(random: Random, schema: Schema): [unknown, unknown] {
  if (schema.$ref !== undefined) return randomValue(random, SHARED)
  if (schema.anyOf !== undefined)
    return random() < 0.3 ? [null, null] : randomValue(random, (schema.anyOf as Schema[])[0] as Schema)
  if (schema.enum !== undefined) {
    const value = pick(random, schema.enum as unknown[])
    return [value, value]
  }
  const type = Array.isArray(schema.type) ? pick(random, schema.type) : schema.type
  switch (type) {
    case 'object':
      return randomObject(random, schema)
    case 'array': {
      const pairs = Array.from({ length: Math.floor(random() * 4) }, () =>
        randomValue(random, schema.items as Schema),
      )
      return [pairs.map((pair) => pair[0]), pairs.map((pair) => pair[1])]
    }
    case 'string': {
      if (schema.format === 'date-time' && random() < 0.5) {
        const date = new Date(Math.floor(random() * 4e12))
        return [date, date]
      }
      const text = randomString(random)
      return [text, text]
    }
    case 'number': {
      const number =
        random() < 0.5 ? pick(random, NUMBERS) : (random() - 0.5) * 10 ** Math.floor(random() * 30)
      return [number, number]
    }
    case 'integer': {
      const integer = random() < 0.3 ? -0 : Math.floor((random() - 0.5) * 2 ** 40)
      return [integer, integer]
    }
    case 'boolean': {
      const flag = random() < 0.5
      return [flag, flag]
    }
    default:
      return [null, null]
  }
}

function randomObject(random: Random, schema: Schema): [unknown, unknown] {
  const given: Record<string, unknown> = {}
  const expected: Record<string, unknown> = {}
  const required = schema.required as string[]
  const open = schema.additionalProperties === true
  for (const [name, property] of Object.entries(schema.properties as Record<string, Schema>)) {
    if (!required.includes(name) && random() < 0.3) {
      if (random() < 0.5) given[name] = undefined
      continue
    }
    const [value, text] = randomValue(random, property)
    Object.defineProperty(given, name, { value, enumerable: true, writable: true, configurable: true })
    Object.defineProperty(expected, name, {
      value: text,
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  if (random() < 0.4) {
    const extra = `extra${Math.floor(random() * 3)}`
    if (!(extra in given)) {
      given[extra] = randomString(random)
      if (open) expected[extra] = given[extra]
    }
  }
  return [given, expected]
}

describe.each([
  ['generated code', true],
  ['closures only', false],
])('compileJsonSerializer (%s) against JSON.stringify', (_, generate) => {
  it('writes the same text as JSON.stringify for 5000 random schemas and valid values', () => {
    let checked = 0
    for (let seed = 1; seed <= 5000; seed++) {
      const random = seeded(seed)
      const schema = { $defs: { Shared: SHARED }, ...randomSchema(random, 0) }
      const write = compileJsonSerializer(schema, { generate })
      const [given, expected] = randomValue(random, schema)
      const text = write(given)
      if (text !== JSON.stringify(expected)) {
        expect({ seed, schema, text }).toEqual({ seed, schema, text: JSON.stringify(expected) })
      }
      checked++
    }
    expect(checked).toBe(5000)
  })
})
