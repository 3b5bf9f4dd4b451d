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

/**
 * The issues a failed call shows: the API's list, or its one-line error where there is no list (401, 403, 429 "one
 * running job per user", 503), never nothing.
 */
export function issuesOf(error: unknown): ApiIssue[] {
  const issues = (error as { issues?: ApiIssue[] } | null)?.issues;
  if (issues && issues.length > 0) return issues;
  return [{ path: '', message: error instanceof Error ? error.message : String(error) }];
}

const TOKEN_KEY = 'chipmix.token';
export const getToken = () => sessionStorage.getItem(TOKEN_KEY) ?? '';
export const setToken = (token: string) =>
  token ? sessionStorage.setItem(TOKEN_KEY, token) : sessionStorage.removeItem(TOKEN_KEY);

/**
 * GET calls started before their page is on screen (main.tsx asks for the cold-loaded page's data while
 * the page's chunk downloads), by path: the page's own `api('GET', path)` takes the answer once,
 * provided the token has not changed since; `prefetched` shows an answer already here to the page's
 * first render.
 */
interface Early {
  token: string;
  answer: Promise<unknown>;
  value?: { data: unknown };
}
const early = new Map<string, Early>();

export function prefetch(path: string): void {
  const entry: Early = { token: getToken(), answer: call('GET', path) };
  entry.answer.then(
    (data) => {
      entry.value = { data };
    },
    // the page that takes it sees the failure; until then it is not an unhandled rejection
    () => undefined,
  );
  early.set(path, entry);
}

/** The answer of a prefetched GET if it has come (and the token is unchanged); it stays to be taken. */
export function prefetched<T>(path: string): T | undefined {
  const entry = early.get(path);
  return entry?.value && entry.token === getToken() ? (entry.value.data as T) : undefined;
}

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
  const started = method === 'GET' && body === undefined ? early.get(path) : undefined;
  if (started) {
    early.delete(path);
    if (started.token === getToken()) return (await started.answer) as T;
  }
  return call<T>(method, path, body);
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
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
