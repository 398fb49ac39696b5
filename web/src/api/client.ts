// The one way the web app talks to the server: same origin, the session cookie, and the CSRF token
// echoed on every write. A failed call throws ApiError carrying the server's { code, params }.

/** One schema failure of a VALIDATION_FAILED answer: where in the body (`/tasks/2/text`) and its limits. */
export interface ApiIssue {
  path: string;
  params: Record<string, unknown>;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly params: Record<string, unknown>;
  readonly issues: ApiIssue[];

  constructor(status: number, code: string, params: Record<string, unknown> = {}, issues: ApiIssue[] = []) {
    super(code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.params = params;
    this.issues = issues;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The server's `{ code, params, issues }`, or `HTTP_<status>` when the answer is not one. */
function fromBody(status: number, body: unknown): ApiError {
  const failure = isRecord(body) ? body : {};
  const issues = Array.isArray(failure.issues)
    ? failure.issues.filter(isRecord).map((issue) => ({
        path: typeof issue.path === 'string' ? issue.path : '',
        params: isRecord(issue.params) ? issue.params : {},
      }))
    : [];
  return new ApiError(
    status,
    typeof failure.code === 'string' ? failure.code : `HTTP_${status}`,
    isRecord(failure.params) ? failure.params : {},
    issues,
  );
}

let csrfToken: string | null = null;

/** Set from the login and /api/auth/me responses; sent back in x-csrf-token on writes. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];

/** Builds `path?query`, leaving out empty values so URLs stay short and cache keys stable. */
export function withQuery(path: string, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      for (const v of value) params.append(key, String(v));
    } else {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function writeHeaders(hasJsonBody: boolean): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (hasJsonBody) headers['content-type'] = 'application/json';
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  return headers;
}

async function toApiError(response: Response): Promise<ApiError> {
  try {
    return fromBody(response.status, await response.json());
  } catch {
    return new ApiError(response.status, `HTTP_${response.status}`);
  }
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: method === 'GET' ? { accept: 'application/json' } : writeHeaders(body !== undefined),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR');
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  return (type.includes('application/json') ? await response.json() : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/**
 * Multipart upload through XMLHttpRequest, because fetch cannot report upload progress.
 * `onProgress` receives 0..1.
 */
export function upload<T>(path: string, form: FormData, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    xhr.addEventListener('load', () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(body as T);
        return;
      }
      reject(fromBody(xhr.status, body));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, 'NETWORK_ERROR')));
    xhr.addEventListener('abort', () => reject(new ApiError(0, 'UPLOAD_ABORTED')));
    xhr.send(form);
  });
}
