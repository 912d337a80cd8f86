/**
 * The decision-trace viewer's door: a development page that draws the decision diagram from its
 * table and shows the path each recent request walked (docs/trace-viewer.md). The application makes
 * one at start when `app.traceViewer()` was called; nothing here runs otherwise.
 */
export { isLoopback, mayView } from './client-address.js'
export { type TimingSink, timeDependencies } from './dependency-timing.js'
export { type DiagramLayout, diagramLayout, type LaidOutBox, type LaidOutEdge } from './diagram-layout.js'
export { diagramSvg } from './diagram-svg.js'
export { TraceBuffer } from './trace-buffer.js'
export { type DependencyTiming, type TraceRecord, type TraceStep, traceRecord } from './trace-record.js'
export { TraceViewer } from './trace-viewer.js'
export {
  DEFAULT_TRACE_LIMIT,
  MAX_TRACE_LIMIT,
  nodeEnvironment,
  readViewerOptions,
  type TraceViewerOptions,
  type ViewerSettings,
} from './viewer-options.js'
