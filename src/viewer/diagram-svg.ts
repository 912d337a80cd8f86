import type { DiagramLayout, LaidOutBox, LaidOutEdge } from './diagram-layout.js'

/** Escapes text for HTML and SVG content and attribute values. */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`)
}

const LABEL_CHARACTERS = 28

/**
 * The laid-out diagram as inline SVG. Every node is a `g.node[data-node=ID]` (its question in
 * `data-label`), every terminal a `g.terminal[data-terminal=KEY]`, every edge a
 * `path.edge[data-edge=FROM>TO]`; the page's script highlights a trace by adding classes to them,
 * and writes each node's answer and the terminal's status into their empty `text` elements. No
 * inline style: the page's Content-Security-Policy allows only its own nonced stylesheet.
 */
export function diagramSvg(layout: DiagramLayout): string {
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" id="diagram" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" role="img" aria-label="Decision diagram">`,
    '<defs><marker id="arrow" viewBox="0 0 8 8" refX="8" refY="4" markerUnits="userSpaceOnUse" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L8,4 L0,8 z"/></marker></defs>',
    '<g class="edges">',
    ...layout.edges.map(edgePath),
    '</g>',
    ...layout.nodes.map(nodeBox),
    ...layout.terminals.map(terminalBox),
    '</svg>',
  ]
  return parts.join('\n')
}

function edgePath(edge: LaidOutEdge): string {
  const { from, to } = edge
  const toTerminal = to.width !== from.width
  const x1 = toTerminal ? from.x + from.width : from.x + from.width / 2
  const y1 = toTerminal ? from.y + from.height / 2 : from.y + from.height
  const x2 = toTerminal ? to.x : to.x + to.width / 2
  const y2 = toTerminal ? to.y + to.height / 2 : to.y
  const bend = toTerminal ? `C${x1 + 40},${y1} ${x2 - 40},${y2}` : `C${x1},${y1 + 20} ${x2},${y2 - 20}`
  const answer = edge.answer ? 'yes' : 'no'
  return `<path class="edge ${answer}" data-edge="${escapeMarkup(edge.key)}" d="M${x1},${y1} ${bend} ${x2},${y2}" marker-end="url(#arrow)"><title>${escapeMarkup(`${edge.key.replace('>', ' → ')} (${answer})`)}</title></path>`
}

function nodeBox(box: LaidOutBox): string {
  const label =
    box.label.length > LABEL_CHARACTERS ? `${box.label.slice(0, LABEL_CHARACTERS - 1)}…` : box.label
  return [
    `<g class="node" data-node="${box.key}" data-label="${escapeMarkup(box.label)}">`,
    `<title>${escapeMarkup(`${box.key}: ${box.label}`)}</title>`,
    `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="6"/>`,
    `<text class="id" x="${box.x + 8}" y="${box.y + 14}">${box.key}</text>`,
    `<text class="answer" x="${box.x + box.width - 8}" y="${box.y + 14}"></text>`,
    `<text class="label" x="${box.x + 8}" y="${box.y + 28}">${escapeMarkup(label)}</text>`,
    '</g>',
  ].join('')
}

function terminalBox(box: LaidOutBox): string {
  const title = box.key.startsWith('S') ? box.key.slice(1) : box.key
  return [
    `<g class="terminal" data-terminal="${box.key}">`,
    `<title>${escapeMarkup(`${title}: ${box.label}`)}</title>`,
    `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="17"/>`,
    `<text class="id" x="${box.x + 10}" y="${box.y + 14}">${escapeMarkup(title)}</text>`,
    `<text class="status" x="${box.x + box.width - 10}" y="${box.y + 14}"></text>`,
    `<text class="label" x="${box.x + 10}" y="${box.y + 28}">${escapeMarkup(box.label)}</text>`,
    '</g>',
  ].join('')
}
