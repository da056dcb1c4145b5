import type { z } from 'zod';

/** zod issues as one readable line naming each problem by its path: `windowHours: Too big: expected number to be <=720; agent: Required`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
}
