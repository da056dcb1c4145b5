/** Where the collector is and how to authenticate. */
export interface CollectorConnection {
  /** The collector's base URL, e.g. `http://127.0.0.1:4318`. */
  baseUrl: string;
  /** A token with the `act` and `read` scopes, sent as `Authorization: Bearer <token>`. Default: none (an open, loopback collector). */
  token?: string;
}

/** The collector answered with an error status; `message` is its explanation. */
export class CollectorApiError extends Error {
  override name = 'CollectorApiError';
  constructor(
    readonly status: number,
    message: string,
    readonly body: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** One JSON request to the collector's API; the answer's body, or a CollectorApiError saying what went wrong. */
export async function callCollector<T>(connection: CollectorConnection, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (connection.token) headers.authorization = `Bearer ${connection.token}`;
  const url = `${connection.baseUrl.replace(/\/+$/, '')}${path}`;
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const parsed = parseBody(text);
  if (!response.ok) {
    throw new CollectorApiError(
      response.status,
      `${method} ${path} answered ${response.status}: ${String(parsed.message ?? text).slice(0, 500)}`,
      parsed,
    );
  }
  return parsed as T;
}

function parseBody(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}
