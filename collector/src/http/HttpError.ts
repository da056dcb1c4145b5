import type { z } from 'zod';
import { describeIssues } from '../shared/zodIssues.ts';

/** An error the API answers with its status and message (the app's error handler sends 4xx as `{ message }`). */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
    /** Extra fields for the JSON answer, e.g. how many episodes are still missing. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** `value` checked by `schema`, or a 400 that names every problem by its path. */
export function parseOr400<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  throw new HttpError(400, `invalid ${what}: ${describeIssues(parsed.error)}`);
}
