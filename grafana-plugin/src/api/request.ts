import { getBackendSrv } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';
import type { z } from 'zod';
import { ApiError, describeFailure } from './ApiError';

export type Params = Record<string, string | number | undefined>;

/** `path?k=v` with empty values left out, so "all agents" is simply no `agent` parameter. */
export function withQuery(path: string, params: Params = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') query.set(key, String(value));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** One call through Grafana's backend service, its answer parsed by `schema`. */
export async function request<S extends z.ZodType>(
  schema: S,
  options: { url: string; method?: 'GET' | 'POST'; data?: unknown },
): Promise<z.infer<S>> {
  const action = options.method === 'POST' ? 'act' : 'read';
  let data: unknown;
  try {
    const response = await lastValueFrom(getBackendSrv().fetch<unknown>({ ...options, showErrorAlert: false, showSuccessAlert: false }));
    data = response.data;
  } catch (failure) {
    throw describeFailure(failure, action);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiError(
      200,
      `Unexpected answer from the collector at ${issue?.path.join('.') || 'the top level'}: ${issue?.message}. Are the plugin and the collector of matching versions?`,
    );
  }
  return parsed.data;
}
