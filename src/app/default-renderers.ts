import type { RenderFunction } from '../machine/route-plan.js'

const renderJson: RenderFunction = (value) => JSON.stringify(value)
const renderText: RenderFunction = (value) => (typeof value === 'string' ? value : JSON.stringify(value))

/** The renderers every application starts with, by media type. */
export const DEFAULT_RENDERERS: ReadonlyMap<string, RenderFunction> = new Map([
  ['application/json', renderJson],
  ['text/plain', renderText],
])
