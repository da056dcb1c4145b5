/** The collector's HTTP API as the demo uses it: the same calls a person or a script would make. */
export interface DemoApi {
  get<T>(path: string): Promise<T>;
  send<T>(method: 'POST' | 'PUT', path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: T }>;
}

export function demoApi(baseUrl: string, token?: string): DemoApi {
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const call = async <T>(method: string, path: string, body?: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      body,
      headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T, text };
  };
  return {
    async get<T>(path: string) {
      const answer = await call<T>('GET', path);
      if (answer.status !== 200) throw new Error(`GET ${path} answered ${answer.status}: ${answer.text}`);
      return answer.body;
    },
    async send<T>(method: 'POST' | 'PUT', path: string, body: unknown, headers?: Record<string, string>) {
      const answer = await call<T>(method, path, typeof body === 'string' ? body : JSON.stringify(body), headers);
      if (answer.status >= 500) throw new Error(`${method} ${path} answered ${answer.status}: ${answer.text}`);
      return { status: answer.status, body: answer.body };
    },
  };
}
