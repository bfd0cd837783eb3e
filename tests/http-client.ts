/** A small fetch wrapper for REST tests: JSON in, status + parsed body + headers out. */
export type HttpResult<T = any> = { status: number; body: T; headers: Headers };

export function httpClient(baseUrl: string) {
  const call = async <T = any>(method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}): Promise<HttpResult<T>> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as T) : (undefined as T), headers: response.headers };
  };
  return {
    get: <T = any>(path: string, headers?: Record<string, string>) => call<T>('GET', path, { ...(headers ? { headers } : {}) }),
    post: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) =>
      call<T>('POST', path, { body: body ?? {}, ...(headers ? { headers } : {}) }),
    patch: <T = any>(path: string, body: unknown, headers?: Record<string, string>) => call<T>('PATCH', path, { body, ...(headers ? { headers } : {}) }),
    delete: <T = any>(path: string, headers?: Record<string, string>) => call<T>('DELETE', path, { ...(headers ? { headers } : {}) }),
  };
}

export type HttpClient = ReturnType<typeof httpClient>;
