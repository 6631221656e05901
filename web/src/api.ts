// The one client of the JSON API: adds the anti-forgery header to every state-changing
// request, asks for answers in the page's language (Accept-Language) and turns error bodies
// ({"error":{"code","message","field"}}) into ApiError.
import { language, locale, t } from './i18n';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | null = null,
    /** The whole error body, for the answers that say more than one message (an XLSForm's problems). */
    readonly details: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken = '';
let onSessionLost: (() => void) | null = null;

/** The token from the session view; sent as X-CSRF-Token on POST, PUT, PATCH and DELETE. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called when a request that needed a session answers 401 (expired or signed out elsewhere). */
export function setSessionLostHandler(handler: (() => void) | null): void {
  onSessionLost = handler;
}

/** Reads an error body; falls back to a message built from the status. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as {
      error?: { code?: unknown; message?: unknown; field?: unknown };
    };
    const error = body.error;
    if (error && typeof error.message === 'string' && error.message !== '') {
      return new ApiError(
        response.status,
        typeof error.code === 'string' ? error.code : 'unknown',
        capitalise(error.message),
        typeof error.field === 'string' ? error.field : null,
        body,
      );
    }
  } catch {
    // Not JSON: a proxy page, a truncated answer…
  }
  return new ApiError(response.status, 'http_' + response.status, statusMessage(response.status));
}

export function statusMessage(status: number): string {
  if (status === 401) return t('core.web.status.401');
  if (status === 403) return t('core.web.status.403');
  if (status === 404) return t('core.web.status.404');
  if (status === 429) return t('core.web.status.429');
  if (status >= 500) return t('core.web.status.5xx', { status });
  return t('core.web.status.other', { status });
}

export function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase(locale()) + text.slice(1);
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Sends a file as the request's body (an XLSForm, an instance XML), with its type, and reads a
 * JSON answer. The same header, language and errors as `request`.
 */
export async function sendFile<T>(method: Method, path: string, body: Blob | string, type: string): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': language(), 'Content-Type': type };
  if (csrfToken !== '') headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'network', t('core.web.network'));
  }
  if (!response.ok) {
    const error = await errorFromResponse(response);
    if (error.status === 401 && onSessionLost) onSessionLost();
    throw error;
  }
  const text = await response.text();
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

/**
 * Sends one request as our pages do (language, anti-forgery header, same-origin credentials, no
 * cache) and answers the response once it is ok; an error response is thrown as an ApiError, and
 * a lost session (401 from anything but the session resource) reported.
 */
async function send(method: Method, path: string, accept: string | null, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { 'Accept-Language': language() };
  if (accept !== null) headers.Accept = accept;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken !== '') headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'network', t('core.web.network'));
  }
  if (!response.ok) {
    const error = await errorFromResponse(response);
    // The session resource itself answers 401 for a wrong password or when nobody is signed in:
    // no session was lost then.
    const sessionItself = path === '/api/v1/session';
    if (error.status === 401 && !sessionItself && onSessionLost) onSessionLost();
    throw error;
  }
  return response;
}

export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const response = await send(method, path, 'application/json', body);
  // 204, and a 202 that only says the request was taken in (a password reset), carry no body.
  const text = await response.text();
  if (text === '') return undefined as T;
  return JSON.parse(text) as T;
}

/**
 * Sends a JSON body and reads a file back (a decrypted export, whose passphrase travels in the
 * body rather than in a URL): its bytes and the response's headers (Content-Disposition and the
 * like).
 */
export async function requestFile(method: Method, path: string, body: unknown): Promise<{ blob: Blob; headers: Headers }> {
  const response = await send(method, path, null, body);
  return { blob: await response.blob(), headers: response.headers };
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body),
  del: <T>(path: string) => request<T>('DELETE', path),
};

/** "?a=1&b=x" from the non-empty values, or "" when there are none. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : '?' + text;
}
