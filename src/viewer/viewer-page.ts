import { escapeMarkup } from './diagram-svg.js'
import { VIEWER_SCRIPT } from './viewer-script.js'

const STYLE = `
  :root { font: 13px/1.4 system-ui, sans-serif; color: #1d2330; background: #f7f8fa; }
  body { margin: 0; }
  header { padding: 10px 16px; background: #1d2330; color: #fff; }
  header h1 { font-size: 16px; margin: 0; display: inline; }
  header p { display: inline; margin: 0 0 0 12px; color: #b8c0cc; }
  main { display: grid; grid-template-columns: 340px 1fr; align-items: start; }
  aside { position: sticky; top: 0; max-height: 100vh; overflow: auto; padding: 12px; box-sizing: border-box; border-right: 1px solid #d9dde3; background: #fff; }
  h2 { font-size: 13px; margin: 8px 0; }
  ol { margin: 0; padding: 0; list-style: none; }
  button.request { display: flex; gap: 6px; width: 100%; text-align: left; font: inherit; padding: 4px 6px; margin: 2px 0; border: 1px solid #d9dde3; border-radius: 4px; background: #fff; cursor: pointer; }
  button.request .path { flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-family: ui-monospace, monospace; }
  button.request .method { font-weight: 600; }
  button.request .status { font-weight: 600; }
  button.status-2xx .status { color: #1a7f37; } button.status-3xx .status { color: #1f4fd6; }
  button.status-4xx .status { color: #b45309; } button.status-5xx .status { color: #b42318; }
  button.request.selected { border-color: #1f4fd6; background: #eaf0ff; }
  #steps li.step { padding: 3px 0 3px 6px; border-left: 3px solid #c4c9d0; margin: 2px 0; }
  #steps li.yes { border-color: #1a7f37; } #steps li.no { border-color: #b42318; } #steps li.threw { border-color: #7a2e0e; }
  #steps li.end { border-color: #1f4fd6; font-weight: 600; }
  #steps .answer { font-weight: 600; }
  ul.dependencies { margin: 2px 0 2px 12px; padding: 0; list-style: square; color: #4a5260; }
  li.dependency.failed { color: #b42318; }
  #chart { padding: 12px; overflow: auto; }
  #diagram text { font-size: 11px; fill: #1d2330; }
  #diagram text.id { font-weight: 700; } #diagram text.answer, #diagram text.status { text-anchor: end; font-weight: 700; }
  #diagram text.label { fill: #4a5260; }
  #diagram .node rect { fill: #fff; stroke: #8891a0; }
  #diagram .terminal rect { fill: #eef0f3; stroke: #8891a0; }
  #diagram .edge { fill: none; stroke: #b7bec9; stroke-width: 1; }
  #diagram .edge.no { stroke-dasharray: 4 3; }
  #diagram marker path { fill: #8891a0; }
  #diagram.tracing .node, #diagram.tracing .terminal, #diagram.tracing .edge { opacity: 0.3; }
  #diagram.tracing .walked, #diagram.tracing .reached, #diagram.tracing .taken, #diagram.tracing .skipped { opacity: 1; }
  #diagram .edge.taken { stroke: #1f4fd6; stroke-width: 3; }
  #diagram .node.skipped rect { stroke-dasharray: 4 3; fill: #f1f3f5; }
  #diagram .node.walked rect { stroke-width: 2.5; }
  #diagram .node.answer-yes rect { stroke: #1a7f37; fill: #e6f6ea; } #diagram .node.answer-yes text.answer { fill: #1a7f37; }
  #diagram .node.answer-no rect { stroke: #b42318; fill: #fdecea; } #diagram .node.answer-no text.answer { fill: #b42318; }
  #diagram .node.threw rect { stroke: #7a2e0e; fill: #fff3cd; }
  #diagram .terminal.reached rect { fill: #1f4fd6; stroke: #1f4fd6; }
  #diagram .terminal.reached text { fill: #fff; }
`

/**
 * The viewer's page: the decision diagram drawn from the table (inline SVG), the list of recent
 * requests and the details of the one selected; `diagram` is the SVG of {@link diagramSvg}. Its only script and stylesheet are inline and carry
 * `nonce`; it loads nothing else but `tracesUrl`.
 *
 * @example
 * viewerPage({ nonce, tracesUrl: '/_restmachine/traces.json', limit: 50, diagram: diagramSvg(diagramLayout()) })
 */
export function viewerPage(page: {
  nonce: string
  tracesUrl: string
  limit: number
  diagram: string
}): string {
  const nonce = escapeMarkup(page.nonce)
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>RestMachine decision traces</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body data-traces="${escapeMarkup(page.tracesUrl)}">
<header><h1>RestMachine decision traces</h1><p>The last ${page.limit} requests; click one to see the path it walked.</p></header>
<main>
<aside>
<section><h2>Recent requests</h2><p id="empty">No request recorded yet.</p><ol id="requests"></ol></section>
<section id="details" hidden><h2 id="selected"></h2><ol id="steps"></ol></section>
</aside>
<section id="chart">
${page.diagram}
</section>
</main>
<script nonce="${nonce}">${VIEWER_SCRIPT}</script>
</body>
</html>
`
}
