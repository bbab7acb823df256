// The one HTTP client of the studio: JSON to and from /api/v1, the session cookie
// sent by the browser, and every error turned into an ApiError carrying the
// server's stable code and its Chinese/English message.
export interface LocalText {
  zh: string;
  en: string;
}

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: { text?: LocalText; [key: string]: unknown };
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly text: LocalText;
  readonly details: Record<string, unknown>;

  constructor(body: ErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = body.statusCode;
    this.code = body.code;
    this.text = body.details?.text ?? { zh: body.message, en: body.message };
    this.details = body.details ?? {};
  }
}

export const API_BASE = '/api/v1';

type Listener = (error: ApiError) => void;
const unauthenticatedListeners = new Set<Listener>();
const forbiddenListeners = new Set<Listener>();

/** Called when a request finds the session gone (expired, signed out elsewhere); the router sends the user to sign in. */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

/** Called when the server refuses for the user's role or scope: it may have changed since sign-in, so the studio re-reads it. */
export function onForbidden(listener: Listener): () => void {
  forbiddenListeners.add(listener);
  return () => forbiddenListeners.delete(listener);
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Raw bytes (an uploaded file); sent as application/octet-stream. */
  raw?: Blob;
  signal?: AbortSignal;
}

export function apiUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined && value !== '') params.set(key, String(value));
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

async function errorFrom(response: Response): Promise<ApiError> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('application/json')) {
    const body = (await response.json()) as Partial<ErrorBody>;
    if (typeof body.code === 'string') return new ApiError({ statusCode: response.status, code: body.code, message: body.message ?? body.code, details: body.details ?? {} });
  }
  return new ApiError({
    statusCode: response.status,
    code: response.status >= 500 ? 'SERVER_UNAVAILABLE' : 'HTTP_ERROR',
    message: `HTTP ${response.status}`,
    details: { text: { zh: `服务器返回 ${response.status}，请稍后重试`, en: `The server answered ${response.status}; try again later` } },
  });
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.raw) {
    headers['Content-Type'] = 'application/octet-stream';
    body = options.raw;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError({ statusCode: 0, code: 'NETWORK', message: 'network error', details: { text: { zh: '无法连接服务器，请检查网络', en: 'Cannot reach the server; check the network' } } });
  }
  if (!response.ok) {
    const error = await errorFrom(response);
    if (error.code === 'UNAUTHENTICATED') for (const listener of unauthenticatedListeners) listener(error);
    if (error.code === 'FORBIDDEN') for (const listener of forbiddenListeners) listener(error);
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const http = {
  get: <T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path, {}),
  upload: <T>(path: string, file: Blob, query?: RequestOptions['query']) => request<T>('POST', path, { raw: file, query }),
};
