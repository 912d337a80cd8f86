/**
 * The OpenAPI documents of every example, linted by the tools people use: Redocly CLI with the
 * repository's redocly.yaml (`recommended-strict`) and Spectral with its `spectral:oas` ruleset
 * (.spectral.yaml). Each tool runs once per document (Spectral once for all of them), as a user
 * would run it, on the document the example serves at /openapi.json.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RestApplication } from '../../src/index.js'
import { generateOpenApi, type OpenApiDocument } from '../../src/openapi/index.js'
import { expectValidOpenApi } from './support.js'
import { EXAMPLE_APPS, exampleFiles, NOT_APPS, servedDocument } from './tools/example-apps.js'
import { ROOT, runTool } from './tools/run-tool.js'

/** One finding of either tool, reduced to what a failure message needs. */
interface Finding {
  readonly rule: string
  readonly severity: string
  readonly message: string
  readonly where: string
}

// A document the derived defaults fill in as far as they can: only the author can give a licence,
// a contact and a description, and both tools must say so (which also proves they ran and were read).
const CONTROL = 'control'

describe('the OpenAPI documents of the examples, linted by Redocly and Spectral', () => {
  const dir = mkdtempSync(join(tmpdir(), 'restmachine-openapi-lint-'))
  const files = new Map<string, string>()
  const redocly = new Map<string, Finding[]>()
  const spectral = new Map<string, Finding[]>()

  beforeAll(async () => {
    const documents: [string, OpenApiDocument][] = []
    for (const example of EXAMPLE_APPS) {
      documents.push([example.name, await expectValidOpenApi(await servedDocument(await example.load()))])
    }
    const bare = new RestApplication()
    bare.get('/things', () => [])
    documents.push([CONTROL, generateOpenApi(bare, { title: 'Bare', version: '1.0.0' })])
    for (const [name, document] of documents) {
      const file = join(dir, `${name}.json`)
      writeFileSync(file, JSON.stringify(document, null, 2))
      files.set(name, file)
    }
    for (const [name, file] of files) redocly.set(name, await redoclyLint(file))
    const all = await spectralLint([...files.values()])
    for (const [name, file] of files) spectral.set(name, all.get(file) ?? [])
  }, 600_000)

  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('covers every example file that builds an application', () => {
    const covered = [...EXAMPLE_APPS.map((e) => e.file), ...Object.keys(NOT_APPS)].sort()
    expect(covered).toEqual(exampleFiles().sort())
  })

  for (const example of EXAMPLE_APPS) {
    it(`${example.file}: Redocly (recommended-strict) reports no problem`, () => {
      expect(redocly.get(example.name)).toEqual([])
    })
    it(`${example.file}: Spectral (spectral:oas) reports no problem`, () => {
      expect(spectral.get(example.name)).toEqual([])
    })
  }

  it('flags on a bare application only what the author alone can say', () => {
    // A licence, a contact and a description; and GET /things, which checks nothing, has no 4xx of
    // its own (its 414 and 431 are under `default`): the rule asks the author to document one.
    const rules = (findings: Finding[] | undefined) => findings?.map((f) => `${f.rule} ${f.where}`).sort()
    expect(rules(redocly.get(CONTROL))).toEqual([
      'info-contact #/info/contact',
      'info-license #/info',
      'operation-4xx-response #/paths/~1things/get/responses',
      'operation-4xx-response #/paths/~1things/head/responses',
    ])
    expect(rules(spectral.get(CONTROL))).toEqual(['info-contact info', 'info-description info'])
  })
})

// `redocly lint --format=json` prints one report per file: { totals, problems: [{ ruleId, severity, message, location }] }.
async function redoclyLint(file: string): Promise<Finding[]> {
  const run = await runTool('redocly', [
    'lint',
    file,
    '--config',
    join(ROOT, 'redocly.yaml'),
    '--format=json',
  ])
  const report = parseJson(run.stdout, 'redocly', run.stderr) as {
    problems: { ruleId: string; severity: string; message: string; location: { pointer?: string }[] }[]
  }
  return report.problems.map((p) => ({
    rule: p.ruleId,
    severity: p.severity,
    message: p.message,
    where: p.location[0]?.pointer ?? '',
  }))
}

// `spectral lint -f json` prints one array for all files: [{ code, severity (0 error … 3 hint), message, path, source }].
async function spectralLint(files: readonly string[]): Promise<Map<string, Finding[]>> {
  const run = await runTool('spectral', [
    'lint',
    '-r',
    join(ROOT, '.spectral.yaml'),
    '-f',
    'json',
    '-q',
    ...files,
  ])
  const results = parseJson(run.stdout, 'spectral', run.stderr) as {
    code: string
    severity: number
    message: string
    path: (string | number)[]
    source: string
  }[]
  const byFile = new Map<string, Finding[]>()
  for (const r of results) {
    const findings = byFile.get(r.source) ?? []
    findings.push({
      rule: r.code,
      severity: ['error', 'warning', 'info', 'hint'][r.severity] ?? String(r.severity),
      message: r.message,
      where: r.path.join('.'),
    })
    byFile.set(r.source, findings)
  }
  return byFile
}

function parseJson(stdout: string, tool: string, stderr: string): unknown {
  try {
    return JSON.parse(stdout)
  } catch {
    throw new Error(`${tool} printed no JSON report:\n${stdout}\n${stderr}`)
  }
}
