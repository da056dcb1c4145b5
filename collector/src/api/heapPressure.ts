import { PerformanceObserver, constants } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';

/** The heap in use just after the last full collection: what is live. Until one runs, all in use counts. */
let usedAfterCollection: number | undefined;

function watchCollections(): void {
  usedAfterCollection = getHeapStatistics().used_heap_size;
  new PerformanceObserver((entries) => {
    const full = entries
      .getEntries()
      .some((entry) => (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR);
    if (full) usedAfterCollection = getHeapStatistics().used_heap_size;
  }).observe({ entryTypes: ['gc'] });
}

/**
 * Whether the JS heap is near its limit with live objects: in use now and after the last full
 * collection, at least `percent` of V8's limit. Past that V8 spends its time collecting and then
 * stops the process, so the collector refuses new requests (a retrying exporter resends them)
 * rather than take on spans it may not live to spool. The heap in use alone would refuse requests
 * while garbage fills a heap the next collection empties.
 */
export function heapUnderPressure(percent: number): boolean {
  if (usedAfterCollection === undefined) watchCollections();
  const { used_heap_size: used, heap_size_limit: limit } = getHeapStatistics();
  const threshold = (limit * percent) / 100;
  return used >= threshold && usedAfterCollection! >= threshold;
}
