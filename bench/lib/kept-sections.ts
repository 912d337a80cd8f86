/**
 * Sections of bench/RESULTS.md that a benchmark run does not produce itself (the long-run memory
 * soak, the analysis written from the data) live between `<!-- keep:NAME:start -->` and
 * `<!-- keep:NAME:end -->` markers and survive every regeneration of the file.
 */
const SECTION = /<!-- keep:([a-z-]+):start -->[\s\S]*?<!-- keep:\1:end -->/g

/** The kept sections of a RESULTS.md text, by name, in order. */
export function keptSections(markdown: string): Map<string, string> {
  const sections = new Map<string, string>()
  for (const [section, name] of markdown.matchAll(SECTION))
    if (name !== undefined) sections.set(name, section)
  return sections
}

/** Replaces (or appends) one kept section. */
export function withKeptSection(markdown: string, name: string, body: string): string {
  const section = `<!-- keep:${name}:start -->\n${body.trim()}\n<!-- keep:${name}:end -->`
  const existing = keptSections(markdown).get(name)
  return existing === undefined
    ? `${markdown.trimEnd()}\n\n${section}\n`
    : markdown.replace(existing, section)
}

/** Carries the kept sections of `previous` over to a freshly generated `markdown`. */
export function carryKeptSections(previous: string, markdown: string): string {
  let result = markdown
  for (const section of keptSections(previous).values()) result = `${result.trimEnd()}\n\n${section}\n`
  return result
}
