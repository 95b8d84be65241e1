import { ERRORS, type ErrorCode } from '@bantay/core/errors';

/** Sent on every state-changing call; the server refuses POST/PATCH/DELETE without it (CSRF). */
export const CSRF_HEADER = 'X-Bantay-Request';

/** An error the API answered with, or one the network caused; `code` is the catalogue's. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** A 401 that means "no valid session any more" (not a failed sign-in). */
export function isSessionError(error: unknown): error is ApiError {
  return isApiError(error) && (error.code === 'session_expired' || error.code === 'unauthenticated');
}

/** Anything with a `parse` that returns T: the shared zod schemas fit. */
export type Parser<T> = { parse(data: unknown): T };

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type RequestOptions<T> = {
  body?: unknown;
  query?: Record<string, string | undefined>;
  parser?: Parser<T>;
  signal?: AbortSignal;
};

type Listeners = {
  /** Called when a request finds the session gone (401 session_expired or unauthenticated). */
  sessionLost: ((error: ApiError) => void) | null;
  /** Called after each answer that did not find the session gone (the server reset its idle clock). */
  contact: (() => void) | null;
};

const listeners: Listeners = { sessionLost: null, contact: null };

/** The session layer registers here; the client itself knows nothing of React. */
export function onSessionLost(listener: Listeners['sessionLost']): void {
  listeners.sessionLost = listener;
}

export function onServerContact(listener: Listeners['contact']): void {
  listeners.contact = listener;
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERRORS, value);
}

/** Reads `{"error":{"code","message","field?"}}`; anything else becomes `internal`. */
export function errorFromBody(status: number, body: unknown): ApiError {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error: unknown = body.error;
    if (typeof error === 'object' && error !== null && 'code' in error && isErrorCode(error.code)) {
      const message = 'message' in error && typeof error.message === 'string' ? error.message : '';
      const field = 'field' in error && typeof error.field === 'string' ? error.field : undefined;
      return new ApiError(status, error.code, message || ERRORS[error.code].message, field);
    }
  }
  if (status === 429) return new ApiError(status, 'rate_limited', ERRORS.rate_limited.message);
  if (status === 503) return new ApiError(status, 'unavailable', ERRORS.unavailable.message);
  return new ApiError(status, 'internal', ERRORS.internal.message);
}

function urlOf(path: string, query?: RequestOptions<unknown>['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') params.set(key, value);
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** The one way the web talks to the API. Throws ApiError; returns the parsed body. */
export async function request<T>(method: Method, path: string, options: RequestOptions<T> = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers[CSRF_HEADER] = '1';
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(urlOf(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'unavailable', ERRORS.unavailable.message);
  }
  const body: unknown = await readJson(response);
  if (!response.ok) {
    const error = errorFromBody(response.status, body);
    if (isSessionError(error)) listeners.sessionLost?.(error);
    else listeners.contact?.();
    throw error;
  }
  listeners.contact?.();
  return options.parser ? options.parser.parse(body) : (body as T);
}

async function readJson(response: Response): Promise<unknown> {
  return parseJson(await response.text());
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export type UploadOptions<T> = {
  query?: Record<string, string | undefined>;
  parser?: Parser<T>;
  signal?: AbortSignal;
  /** Bytes sent so far and in all; called as the browser sends the file. */
  onProgress?: (sent: number, total: number) => void;
};

/**
 * Sends a file as the raw body (application/octet-stream), the way the intake and hash-set
 * endpoints stream it to disk. XMLHttpRequest rather than fetch: only it reports upload
 * progress. Same headers, errors and session handling as `request`.
 */
export function upload<T>(path: string, file: Blob, options: UploadOptions<T> = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', urlOf(path, options.query));
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader(CSRF_HEADER, '1');
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (event) =>
      options.onProgress?.(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onerror = () => reject(new ApiError(0, 'unavailable', ERRORS.unavailable.message));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    xhr.onload = () => {
      const body = parseJson(xhr.responseText);
      if (xhr.status < 200 || xhr.status >= 300) {
        const error = errorFromBody(xhr.status, body);
        if (isSessionError(error)) listeners.sessionLost?.(error);
        else listeners.contact?.();
        reject(error);
        return;
      }
      listeners.contact?.();
      try {
        resolve(options.parser ? options.parser.parse(body) : (body as T));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

/** A static file the app ships (the province map): no session, no CSRF header. */
export async function fetchAsset(path: string, signal?: AbortSignal): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin', signal });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'unavailable', ERRORS.unavailable.message);
  }
  if (!response.ok) throw new ApiError(response.status, 'not_found', ERRORS.not_found.message);
  return response.json() as Promise<unknown>;
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions<T>, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, body: unknown = {}, options?: Omit<RequestOptions<T>, 'body'>) =>
    request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body: unknown, options?: Omit<RequestOptions<T>, 'body'>) =>
    request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body: unknown, options?: Omit<RequestOptions<T>, 'body'>) =>
    request<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options?: Omit<RequestOptions<T>, 'body'>) => request<T>('DELETE', path, options),
};
