import type { HttpError } from '../errors/index.js'
import type { RestResponse } from '../http/index.js'
import type { PathEntry } from '../machine/index.js'

/** A machine answer of one application: the error, and its default response per media type. */
export interface MachineAnswer {
  readonly error: HttpError
  /** media type → the default response as first sent (copied for each request) */
  readonly responses: Map<string, RestResponse>
}

/**
 * The machine's own answers of one application (404, 405 + Allow, 414…), each built once and
 * reused. Found by the status, then the path's entry (none for PATH's 404), then a short detail
 * string (the method, and what little else the answer's text depends on): maps keyed by a number,
 * an object and a short string, so no key is composed for every request (a composed key of six
 * parts cost about 0.5 µs a 404 on Bun, most of what the lookup took). Counts what it holds, for
 * the caller's bound.
 *
 * @example
 * const answers = new MachineAnswers()
 * answers.set(404, undefined, 'GET', answer)
 * answers.get(404, undefined, 'GET') // answer
 */
export class MachineAnswers {
  readonly #byStatus = new Map<number, Map<PathEntry | undefined, Map<string, MachineAnswer>>>()
  #size = 0

  /** How many answers are kept. */
  get size(): number {
    return this.#size
  }

  get(status: number, entry: PathEntry | undefined, detail: string): MachineAnswer | undefined {
    return this.#byStatus.get(status)?.get(entry)?.get(detail)
  }

  set(status: number, entry: PathEntry | undefined, detail: string, answer: MachineAnswer): void {
    let byEntry = this.#byStatus.get(status)
    if (byEntry === undefined) {
      byEntry = new Map()
      this.#byStatus.set(status, byEntry)
    }
    let byDetail = byEntry.get(entry)
    if (byDetail === undefined) {
      byDetail = new Map()
      byEntry.set(entry, byDetail)
    }
    if (!byDetail.has(detail)) this.#size++
    byDetail.set(detail, answer)
  }
}
