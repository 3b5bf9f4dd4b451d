/** Calls to the chipmix API; a token (when the server requires one) is kept for the browser session. */
export interface ApiIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'chipmix.token';
export const getToken = () => sessionStorage.getItem(TOKEN_KEY) ?? '';
export const setToken = (token: string) =>
  token ? sessionStorage.setItem(TOKEN_KEY, token) : sessionStorage.removeItem(TOKEN_KEY);

/** A GET that answers text (the HTML report); errors as for `api`. */
export async function apiText(path: string): Promise<string> {
  const token = getToken();
  const res = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) {
    const data = (await res.json().catch(() => ({}))) as { error?: string; issues?: ApiIssue[] };
    throw new ApiError(res.status, data.error ?? `HTTP ${res.status}`, data.issues ?? []);
  }
  return res.text();
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  const token = getToken();
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const data = (await res.json().catch(() => ({}))) as { error?: string; issues?: ApiIssue[] };
  if (!res.ok) throw new ApiError(res.status, data.error ?? `HTTP ${res.status}`, data.issues ?? []);
  return data as T;
}
