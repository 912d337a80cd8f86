/**
 * Prometheus text exposition format 0.0.4, the parts the built-in registry writes: `# HELP` and
 * `# TYPE` lines, samples `name{label="value",…} value`, one per line, each line ended by `\n`.
 */

/** The media type of the format (what `metricsEndpoint` sends as `Content-Type`). */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8'

/** A label value as the format quotes it: `\`, `"` and line feed escaped as `\\`, `\"` and `\n`. */
export function escapeLabelValue(value: string): string {
  return value.replace(/[\\"\n]/g, (character) => (character === '\n' ? '\\n' : `\\${character}`))
}

/** A `# HELP` docstring: `\` and line feed escaped as `\\` and `\n` (quotes stay as they are). */
export function escapeHelp(text: string): string {
  return text.replace(/[\\\n]/g, (character) => (character === '\n' ? '\\n' : '\\\\'))
}

/**
 * Label pairs in braces' inner form, `a="1",b="2"`, the names given in order; an `undefined` value
 * leaves its label out (as an absent attribute is in OpenTelemetry's Prometheus mapping).
 */
export function labelPairs(names: readonly string[], values: readonly (string | undefined)[]): string {
  const pairs: string[] = []
  for (let i = 0; i < names.length; i++) {
    const value = values[i]
    if (value !== undefined) pairs.push(`${names[i]}="${escapeLabelValue(value)}"`)
  }
  return pairs.join(',')
}

/** A sample value: a number as Go's ParseFloat reads it, infinities as `+Inf`/`-Inf`. */
export function formatValue(value: number): string {
  if (value === Number.POSITIVE_INFINITY) return '+Inf'
  if (value === Number.NEGATIVE_INFINITY) return '-Inf'
  return Number.isNaN(value) ? 'NaN' : String(value)
}

/** One sample line: `name{pairs} value\n`, or `name value\n` without labels. */
export function sampleLine(name: string, pairs: string, value: number): string {
  return pairs === '' ? `${name} ${formatValue(value)}\n` : `${name}{${pairs}} ${formatValue(value)}\n`
}

/** A metric family's header: its `# HELP` and `# TYPE` lines. */
export function familyHeader(name: string, type: 'counter' | 'histogram', help: string): string {
  return `# HELP ${name} ${escapeHelp(help)}\n# TYPE ${name} ${type}\n`
}
