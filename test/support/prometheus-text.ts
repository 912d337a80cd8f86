/**
 * A strict reader of the Prometheus text exposition format 0.0.4, for tests: it throws on the first
 * line that breaks a rule of the format (no Prometheus parser is installed here, so the rules are
 * checked by hand), and returns the families with their samples.
 *
 * Checked: every line ends with `\n` (the last too); `# HELP name text` and `# TYPE name type` at
 * most once per family and before its samples, TYPE one of the five types; metric and label names
 * match the format's patterns and no label name starts with `__`; a label value escapes only `\\`,
 * `\"` and `\n`; no duplicate label in a sample, no duplicate series; a family's samples are
 * together; values are Go floats (`+Inf`, `-Inf`, `NaN`); a histogram's series each have buckets
 * with `le` strictly ascending, counts non-decreasing, the last `+Inf` equal to `_count`, and a
 * `_sum` and a `_count`; a counter's value is never negative.
 */

export interface Sample {
  readonly name: string
  readonly labels: Readonly<Record<string, string>>
  readonly value: number
}

export interface Family {
  readonly name: string
  help: string | undefined
  type: string | undefined
  readonly samples: Sample[]
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped'])
const FLOAT = /^(?:[+-]?Inf|NaN|[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)$/

/** Parses `text` strictly; throws an `Error` naming the line and the rule it breaks. */
export function parsePrometheusText(text: string): Map<string, Family> {
  if (!text.endsWith('\n')) throw new Error('the exposition must end with a line feed')
  const lines = text.slice(0, -1).split('\n')
  const families = new Map<string, Family>()
  const closed = new Set<string>()
  let current: Family | undefined
  const seen = new Set<string>()
  lines.forEach((line, index) => {
    const where = `line ${index + 1} (${JSON.stringify(line)})`
    if (line.startsWith('#')) {
      const match = /^# (HELP|TYPE) ([^ ]+) ?(.*)$/.exec(line)
      if (match === null) return // any other comment is allowed
      const [, keyword, name, rest] = match as unknown as [string, 'HELP' | 'TYPE', string, string]
      if (!METRIC_NAME.test(name)) throw new Error(`${where}: bad metric name`)
      const family = familyFor(name)
      if (family.samples.length > 0) throw new Error(`${where}: ${keyword} after the family's samples`)
      if (keyword === 'HELP') {
        if (family.help !== undefined) throw new Error(`${where}: a second HELP`)
        if (/\\[^\\n]/.test(rest.replace(/\\\\/g, ''))) throw new Error(`${where}: bad escape in HELP`)
        family.help = rest.replace(/\\(\\|n)/g, (_, c: string) => (c === 'n' ? '\n' : '\\'))
      } else {
        if (family.type !== undefined) throw new Error(`${where}: a second TYPE`)
        if (!TYPES.has(rest)) throw new Error(`${where}: unknown type`)
        family.type = rest
      }
      return
    }
    if (line === '') return // blank lines are ignored by the format
    const sample = parseSample(line, where)
    const family = familyFor(familyName(sample.name))
    const key = `${sample.name}${JSON.stringify(Object.entries(sample.labels).sort())}`
    if (seen.has(key)) throw new Error(`${where}: a duplicate series`)
    seen.add(key)
    family.samples.push(sample)
  })
  for (const family of families.values()) checkFamily(family)
  return families

  function familyFor(name: string): Family {
    let family = families.get(name)
    if (family === undefined) {
      family = { name, help: undefined, type: undefined, samples: [] }
      families.set(name, family)
    }
    if (current !== family) {
      if (closed.has(name)) throw new Error(`the family ${name} is split (its lines must be together)`)
      if (current !== undefined) closed.add(current.name)
      current = family
    }
    return family
  }

  /** A histogram's `_bucket`, `_sum` and `_count` samples belong to the family the TYPE line named. */
  function familyName(sample: string): string {
    for (const suffix of ['_bucket', '_sum', '_count']) {
      const base = sample.slice(0, -suffix.length)
      if (sample.endsWith(suffix) && families.get(base)?.type === 'histogram') return base
    }
    return sample
  }
}

function parseSample(line: string, where: string): Sample {
  const nameMatch = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)
  if (nameMatch === null) throw new Error(`${where}: no metric name`)
  const name = nameMatch[0]
  let rest = line.slice(name.length)
  const labels: Record<string, string> = Object.create(null)
  if (rest.startsWith('{')) {
    let i = 1
    while (rest[i] !== '}') {
      const labelMatch = /^([^=]*)="/.exec(rest.slice(i))
      if (labelMatch === null) throw new Error(`${where}: bad label at ${i}`)
      const label = labelMatch[1] as string
      if (!LABEL_NAME.test(label) || label.startsWith('__'))
        throw new Error(`${where}: bad label name ${label}`)
      if (label in labels) throw new Error(`${where}: label ${label} twice`)
      i += labelMatch[0].length
      let value = ''
      for (;;) {
        const c = rest[i]
        if (c === undefined) throw new Error(`${where}: unterminated label value`)
        if (c === '"') break
        if (c === '\\') {
          const escaped = rest[i + 1]
          if (escaped === '\\' || escaped === '"') value += escaped
          else if (escaped === 'n') value += '\n'
          else throw new Error(`${where}: bad escape \\${escaped ?? ''}`)
          i += 2
        } else {
          value += c
          i++
        }
      }
      labels[label] = value
      i++ // the closing quote
      if (rest[i] === ',') i++
      else if (rest[i] !== '}') throw new Error(`${where}: expected , or } after a label`)
    }
    rest = rest.slice(i + 1)
  }
  const valueMatch = /^ ([^ ]+)(?: (-?\d+))?$/.exec(rest)
  if (valueMatch === null) throw new Error(`${where}: expected one space, a value and an optional timestamp`)
  const text = valueMatch[1] as string
  if (!FLOAT.test(text)) throw new Error(`${where}: ${text} is not a float`)
  const value = text.endsWith('Inf') ? (text.startsWith('-') ? -Infinity : Infinity) : Number(text)
  return { name, labels, value }
}

function checkFamily(family: Family): void {
  if (family.type === 'counter') {
    for (const sample of family.samples) {
      if (!(sample.value >= 0)) throw new Error(`${family.name}: a counter below zero`)
    }
  }
  if (family.type !== 'histogram') return
  const groups = new Map<string, Sample[]>()
  for (const sample of family.samples) {
    const { le: _le, ...others } = sample.labels
    const key = JSON.stringify(Object.entries(others).sort())
    groups.set(key, [...(groups.get(key) ?? []), sample])
  }
  for (const [key, samples] of groups) {
    const buckets = samples.filter((s) => s.name === `${family.name}_bucket`)
    const sums = samples.filter((s) => s.name === `${family.name}_sum`)
    const counts = samples.filter((s) => s.name === `${family.name}_count`)
    if (sums.length !== 1 || counts.length !== 1)
      throw new Error(`${family.name}${key}: one _sum and one _count`)
    if (buckets.length === 0) throw new Error(`${family.name}${key}: no buckets`)
    let previous = { le: -Infinity, count: 0 }
    for (const bucket of buckets) {
      const leText = bucket.labels.le
      if (leText === undefined || !FLOAT.test(leText))
        throw new Error(`${family.name}${key}: a bucket without le`)
      const le = leText === '+Inf' ? Infinity : Number(leText)
      if (!(le > previous.le)) throw new Error(`${family.name}${key}: le not ascending at ${leText}`)
      if (bucket.value < previous.count)
        throw new Error(`${family.name}${key}: buckets not cumulative at ${leText}`)
      previous = { le, count: bucket.value }
    }
    if (previous.le !== Infinity) throw new Error(`${family.name}${key}: the last bucket is not le="+Inf"`)
    if (previous.count !== counts[0]?.value) throw new Error(`${family.name}${key}: +Inf bucket ≠ _count`)
  }
}
