/** A failed call to the collector, with a message a user can act on. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface FetchFailure {
  status?: number;
  statusText?: string;
  data?: unknown;
}

function bodyMessage(data: unknown): string {
  if (typeof data === 'string') return data;
  if (data && typeof data === 'object') {
    const { message, error } = data as { message?: unknown; error?: unknown };
    if (typeof message === 'string') return message;
    if (typeof error === 'string') return error;
  }
  return '';
}

/**
 * What went wrong, in the user's terms. Grafana's proxy answers 403 when the user lacks the
 * route's role; the collector answers 403 when the configured token lacks a scope: both say which.
 */
export function describeFailure(failure: unknown, action: 'read' | 'act'): ApiError {
  const { status = 0, statusText = '', data } = (failure ?? {}) as FetchFailure;
  const detail = bodyMessage(data);
  switch (true) {
    case status === 0:
      return new ApiError(
        0,
        `The collector cannot be reached${detail ? `: ${detail}` : ''}. Check its URL in the plugin settings and that it is running.`,
      );
    case status === 401:
      return new ApiError(
        401,
        `The collector refused the token (401)${detail ? `: ${detail}` : ''}. Set a valid ${action} token in the plugin settings.`,
      );
    case status === 403 && /scope/i.test(detail):
      return new ApiError(403, `The collector's token lacks the '${action}' scope (403): ${detail}`);
    case status === 403:
      return new ApiError(
        403,
        action === 'act'
          ? 'You need the Editor role (or the Trumpets "Release manager" role) to do this (403).'
          : `You need the Viewer role to read Trumpets data (403)${detail ? `: ${detail}` : ''}.`,
      );
    case status === 404:
      return new ApiError(404, detail || 'Not found (404): check the collector URL; it should be the collector itself, without a path.');
    case status === 502 || status === 504:
      return new ApiError(
        status,
        `Grafana could not reach the collector (${status}). Check its URL in the plugin settings and that it is running.`,
      );
    default:
      return new ApiError(status, detail || `The collector answered ${status} ${statusText}`.trim());
  }
}
