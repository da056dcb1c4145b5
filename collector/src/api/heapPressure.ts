import { getHeapStatistics } from 'node:v8';

/**
 * Whether the JS heap in use has reached `percent` of V8's limit for it. Past that point V8
 * spends its time collecting and then stops the process, so the collector refuses new requests
 * (which a retrying exporter resends) rather than take on spans it may not live to spool.
 */
export function heapUnderPressure(percent: number): boolean {
  const { used_heap_size: used, heap_size_limit: limit } = getHeapStatistics();
  return used >= (limit * percent) / 100;
}
