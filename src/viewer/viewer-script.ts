/**
 * The viewer page's own script, sent inline under the page's nonce. It reads the recent traces
 * from the JSON endpoint (every two seconds while the page is open), lists them, and on a click
 * highlights the trace in the diagram: the nodes walked (`walked`, with `answer-yes`, `answer-no`
 * or `threw`), the edges taken (`taken`), the nodes planned away on the way (`skipped`) and the
 * terminal reached (`reached`, with the response's status written in it). Text is set with
 * `textContent` only: a recorded path is never parsed as markup.
 */
export const VIEWER_SCRIPT = `(() => {
  'use strict'
  const url = document.body.dataset.traces
  const diagram = document.getElementById('diagram')
  const list = document.getElementById('requests')
  const empty = document.getElementById('empty')
  const details = document.getElementById('details')
  const heading = document.getElementById('selected')
  const stepList = document.getElementById('steps')
  const MARKS = ['walked', 'taken', 'skipped', 'reached', 'answer-yes', 'answer-no', 'threw']
  let traces = []
  let selected = null
  let shown = ''

  const make = (tag, className, text) => {
    const element = document.createElement(tag)
    if (className) element.className = className
    if (text !== undefined) element.textContent = text
    return element
  }
  const find = (attribute, value) => diagram.querySelector('[' + attribute + '="' + CSS.escape(value) + '"]')
  const words = (answer) => (answer === null ? 'threw' : answer ? 'yes' : 'no')
  const ms = (value) => value.toFixed(value < 10 ? 2 : 1) + ' ms'

  function clear() {
    diagram.classList.remove('tracing')
    for (const element of diagram.querySelectorAll('.' + MARKS.join(', .'))) element.classList.remove(...MARKS)
    for (const text of diagram.querySelectorAll('text.answer, text.status')) text.textContent = ''
    details.hidden = true
  }

  function highlight(trace) {
    clear()
    diagram.classList.add('tracing')
    for (const id of trace.skipped) find('data-node', id)?.classList.add('skipped')
    for (const key of trace.edges) find('data-edge', key)?.classList.add('taken')
    for (const step of trace.steps) {
      const node = find('data-node', step.node)
      if (!node) continue
      node.classList.add('walked', step.answer === null ? 'threw' : step.answer ? 'answer-yes' : 'answer-no')
      node.querySelector('text.answer').textContent = words(step.answer)
    }
    const terminal = find('data-terminal', trace.terminal)
    if (terminal) {
      terminal.classList.add('reached')
      terminal.querySelector('text.status').textContent = '→ ' + trace.status
    }
  }

  function describe(trace) {
    heading.textContent = trace.method + ' ' + trace.path + ' → ' + trace.status
    stepList.replaceChildren()
    for (const step of trace.steps) {
      const node = find('data-node', step.node)
      const item = make('li', 'step ' + words(step.answer))
      item.dataset.node = step.node
      item.append(make('strong', 'id', step.node), ' ' + (node ? node.dataset.label : '') + ' → ', make('span', 'answer', words(step.answer)))
      if (step.dependencies.length > 0) {
        const dependencies = make('ul', 'dependencies')
        for (const dependency of step.dependencies) {
          const line = make('li', dependency.failed ? 'dependency failed' : 'dependency')
          line.dataset.dependency = dependency.name
          line.append(make('code', '', dependency.name), ' ' + dependency.kind + ' ', make('span', 'timing', ms(dependency.durationMs)))
          if (dependency.failed) line.append(' (threw)')
          dependencies.append(line)
        }
        item.append(dependencies)
      }
      stepList.append(item)
    }
    const reached = trace.terminal === 'S' + trace.status ? '' : trace.terminal + ' → '
    const end = make('li', 'step end', '→ ' + reached + trace.status + ' in ' + ms(trace.durationMs))
    end.dataset.terminal = trace.terminal
    stepList.append(end)
    details.hidden = false
  }

  function select(id) {
    const trace = traces.find((candidate) => candidate.id === id)
    selected = trace ? id : null
    for (const button of list.querySelectorAll('button')) {
      const on = Number(button.dataset.traceId) === selected
      button.classList.toggle('selected', on)
      button.setAttribute('aria-pressed', String(on))
    }
    if (!trace) return clear()
    highlight(trace)
    describe(trace)
  }

  function render() {
    const key = traces.map((trace) => trace.id).join(',')
    if (key === shown) return
    shown = key
    list.replaceChildren()
    empty.hidden = traces.length > 0
    for (const trace of traces) {
      const button = make('button', 'request status-' + String(trace.status).charAt(0) + 'xx')
      button.type = 'button'
      button.dataset.traceId = String(trace.id)
      button.append(make('span', 'method', trace.method), ' ', make('span', 'path', trace.path), ' ', make('span', 'status', String(trace.status)))
      button.addEventListener('click', () => select(trace.id))
      const item = make('li')
      item.append(button)
      list.append(item)
    }
    select(selected)
  }

  async function refresh() {
    try {
      const response = await fetch(url, { cache: 'no-store', headers: { accept: 'application/json' } })
      if (response.ok) {
        traces = (await response.json()).traces
        render()
      }
    } catch {
      // The server went away; the next refresh tries again.
    }
    document.body.dataset.loaded = 'true'
  }

  refresh()
  setInterval(refresh, 2000)
})()
`
