import { diag } from '@opentelemetry/api';

/**
 * Runs the tracer's own bookkeeping so that it can never throw into agent code:
 * a failure is reported on the OpenTelemetry diagnostic channel and the result is `undefined`.
 */
export function guard<T>(what: string, work: () => T): T | undefined {
  try {
    return work();
  } catch (error) {
    diag.warn(`@trumpets/instrumentation: ${what} failed`, error);
    return undefined;
  }
}
