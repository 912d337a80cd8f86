/**
 * Loaded into a bench server with `node --import <this, bundled> <server>`: counts the bytes the V8
 * heap allocates between two SIGUSR2 signals and writes them as JSON to ALLOC_METER_OUT.
 *
 * Method (the `--trace-gc` arithmetic, read from `v8.GCProfiler` instead of parsed from text): the
 * used heap only grows by allocation between collections, so bytes allocated =
 * Σ over collections (used before this GC − used after the previous one) + (used at stop − used
 * after the last GC), starting from the used size at the first signal. Off-heap memory (Buffer
 * contents, socket buffers) is not in the V8 heap and not counted; concurrent sweeping that frees
 * memory between collections makes the figure a slight under-count, the same for every server.
 */
import { writeFileSync } from 'node:fs'
import v8 from 'node:v8'

let profiler: v8.GCProfiler | undefined
let startUsed = 0

process.on('SIGUSR2', () => {
  if (profiler === undefined) {
    profiler = new v8.GCProfiler()
    startUsed = v8.getHeapStatistics().used_heap_size
    profiler.start()
    return
  }
  const endUsed = v8.getHeapStatistics().used_heap_size
  const result = profiler.stop()
  profiler = undefined
  let allocated = 0
  let previousAfter = startUsed
  for (const gc of result?.statistics ?? []) {
    allocated += gc.beforeGC.heapStatistics.usedHeapSize - previousAfter
    previousAfter = gc.afterGC.heapStatistics.usedHeapSize
  }
  allocated += endUsed - previousAfter
  const out = process.env.ALLOC_METER_OUT
  if (out !== undefined)
    writeFileSync(out, JSON.stringify({ allocated, collections: result?.statistics.length ?? 0 }))
})
