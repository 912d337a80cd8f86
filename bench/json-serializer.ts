/**
 * The `returns` JSON writer against JSON.stringify, in process, on the bench's reply shapes: the
 * `users` body (6 short strings), the `items` body (a ~1 KB item with a tag array) and the `doc`
 * body (100 items, ~10 KB). Both forms of the writer: generated code (the default) and closures only.
 * Alternating rounds; reports ns per call, median (min–max) of the rounds, and
 * `JSON.stringify ns ÷ ours ns` (above 1 = ours faster). Run: `npx tsx bench/json-serializer.ts`.
 * Output equality with JSON.stringify is checked before timing.
 */
import { z } from 'zod'
import { compileJsonSerializer, type JsonSchemaNode } from '../src/render/index.js'
import { createItem, ITEM_FIXTURE, ItemSchema } from './scenarios.js'

const UserResponse = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(['admin', 'editor', 'viewer']),
  created_at: z.string(),
  request_id: z.string(),
})
const CreatedItem = z.object({ id: z.string() }).extend(ItemSchema.shape)
const DocItem = z.object({
  id: z.number().int(),
  sku: z.string(),
  title: z.string(),
  price: z.number(),
  stock: z.number().int(),
  tags: z.array(z.string()),
  checksum: z.string(),
})
const Doc = z.object({
  version: z.number().int(),
  generated_by: z.string(),
  count: z.number().int(),
  items: z.array(DocItem),
})

const toSchema = (schema: z.ZodType): JsonSchemaNode =>
  schema['~standard'].jsonSchema?.output({ target: 'draft-2020-12' }) as JsonSchemaNode

const user = {
  id: '42',
  name: 'User 42',
  email: 'user42@example.com',
  role: 'admin',
  created_at: '2024-01-02T18:00:00.000Z',
  request_id: 'req-1a2b',
}
const item = createItem(ITEM_FIXTURE)
const doc = {
  version: 1,
  generated_by: 'bench',
  count: 100,
  items: Array.from({ length: 100 }, (_, i) => ({
    id: i,
    sku: `SKU-${String(100000 + i * 37).padStart(7, '0')}`,
    title: `Item ${i}`,
    price: Math.round((((i * 7919) % 100000) / 100 + 1) * 100) / 100,
    stock: (i * 31) % 500,
    tags: [`t${i % 7}`, `g${i % 13}`],
    checksum: ((i * 2654435761) >>> 0).toString(16).padStart(8, '0'),
  })),
}

const cases = [
  { name: 'users', value: user, schema: toSchema(UserResponse), calls: 400_000 },
  { name: 'items', value: item, schema: toSchema(CreatedItem), calls: 200_000 },
  { name: 'doc', value: doc, schema: toSchema(Doc), calls: 4_000 },
]

let sink = 0
function time(calls: number, write: () => string): number {
  const start = process.hrtime.bigint()
  for (let i = 0; i < calls; i++) sink += write().length
  return Number(process.hrtime.bigint() - start) / calls
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number
const rounds = Number(process.env.ROUNDS ?? 7)
const range = (values: number[]) =>
  `${median(values).toFixed(0)} ns (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`
for (const { name, value, schema, calls } of cases) {
  const generated = compileJsonSerializer(schema)
  const closures = compileJsonSerializer(schema, { generate: false })
  for (const write of [generated, closures])
    if (write(value) !== JSON.stringify(value)) throw new Error(`${name}: the outputs differ`)
  const times = { generated: [] as number[], closures: [] as number[], stringify: [] as number[] }
  for (let round = 0; round < rounds; round++) {
    times.generated.push(time(calls, () => generated(value)))
    times.closures.push(time(calls, () => closures(value)))
    times.stringify.push(time(calls, () => JSON.stringify(value)))
  }
  const ratio = (ours: number[]) => (median(times.stringify) / median(ours)).toFixed(2)
  console.log(
    `${name.padEnd(6)} ${String(JSON.stringify(value).length).padStart(6)} B  JSON.stringify ${range(times.stringify)}` +
      `  generated ${range(times.generated)} ×${ratio(times.generated)}  closures ${range(times.closures)} ×${ratio(times.closures)}`,
  )
}
if (sink === 0) console.log('')
