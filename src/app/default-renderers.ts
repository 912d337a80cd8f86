import type { RenderFunction } from '../machine/index.js'
import { defaultRenderers } from '../render/index.js'

/** The renderers every application starts with, by media type (JSON, text, HTML, CSV). */
export const DEFAULT_RENDERERS: ReadonlyMap<string, RenderFunction> = new Map(
  Object.entries(defaultRenderers),
)
