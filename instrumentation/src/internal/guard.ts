import { currentSettings } from './settings.ts';
import { toText } from './text.ts';

/**
 * Runs the tracer's own bookkeeping so that it can never throw into agent code: a failure is
 * reported once per kind (not once per span) and the result is `undefined`.
 */
export function guard<T>(what: string, work: () => T): T | undefined {
  try {
    return work();
  } catch (error) {
    reportFailure(what, error);
    return undefined;
  }
}

export function reportFailure(what: string, error: unknown): void {
  try {
    const reason = error instanceof Error ? error.message : toText(error);
    currentSettings().warn(
      `failed:${what}`,
      `${what} failed (${reason}); the agent carries on, later failures of this kind are not reported`,
    );
  } catch {
    // Even reporting failed (a hostile logger): staying silent is the only safe thing left.
  }
}
