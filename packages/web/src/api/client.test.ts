import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, CSRF_HEADER, errorFromBody, onSessionLost, upload } from './client';

type Call = { url: string; init: RequestInit };

function stubFetch(status: number, body: unknown): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return Promise.resolve(
      new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      }),
    );
  });
  return calls;
}

const header = (call: Call | undefined, name: string) => new Headers(call?.init.headers).get(name);

afterEach(() => {
  vi.unstubAllGlobals();
  onSessionLost(null);
});

describe('the API client', () => {
  it('turns an error body into an ApiError with its code, status and field', async () => {
    stubFetch(409, {
      error: { code: 'conflict', message: 'A user with this e-mail already exists.', field: 'email' },
    });
    const error = await api
      .post('/api/admin/users', { email: 'x@example.test' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'conflict', field: 'email' });
  });

  it('sends the anti-CSRF header and a JSON body on POST and PATCH', async () => {
    const calls = stubFetch(200, { ok: true });
    await api.post('/api/auth/logout');
    await api.patch('/api/admin/users/1', { displayName: 'Maria' });
    expect(calls.map((call) => header(call, CSRF_HEADER))).toEqual(['1', '1']);
    expect(header(calls[1], 'content-type')).toBe('application/json');
    expect(calls[1]?.init.body).toBe('{"displayName":"Maria"}');
  });

  it('sends no CSRF header on GET and leaves empty filters out of the address', async () => {
    const calls = stubFetch(200, { users: [] });
    await api.get('/api/admin/users', { query: { q: 'santos', role: undefined, status: '' } });
    expect(calls[0]?.url).toBe('/api/admin/users?q=santos');
    expect(header(calls[0], CSRF_HEADER)).toBeNull();
  });

  it('tells the session layer when the server ended the session', async () => {
    stubFetch(401, { error: { code: 'session_expired', message: 'Your session has expired.' } });
    const lost = vi.fn();
    onSessionLost(lost);
    await expect(api.get('/api/me')).rejects.toMatchObject({ code: 'session_expired' });
    expect(lost).toHaveBeenCalledOnce();
  });

  it('does not treat a failed sign-in as a lost session', async () => {
    stubFetch(401, { error: { code: 'invalid_credentials', message: 'Sign-in failed.' } });
    const lost = vi.fn();
    onSessionLost(lost);
    await expect(api.post('/api/auth/login', {})).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(lost).not.toHaveBeenCalled();
  });

  it('reports a network failure as unavailable', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    await expect(api.get('/api/me')).rejects.toMatchObject({ status: 0, code: 'unavailable' });
  });

  it.each([
    [502, '<html>Bad gateway</html>', 'internal'],
    [429, null, 'rate_limited'],
    [400, { error: { code: 'no_such_code', message: '?' } }, 'internal'],
  ])('maps a %i answer without a known code to %s', (status, body, code) => {
    expect(errorFromBody(status, body).code).toBe(code);
  });
});

/** Just enough of XMLHttpRequest: records the request, reports progress, then answers. */
function stubXhr(status: number, body: unknown) {
  const sent: { url: string; headers: Record<string, string>; body: unknown }[] = [];
  class FakeXhr {
    status = 0;
    responseText = '';
    upload: {
      onprogress: ((event: { loaded: number; total: number; lengthComputable: boolean }) => void) | null;
    } = {
      onprogress: null,
    };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    private url = '';
    private headers: Record<string, string> = {};
    open(_method: string, url: string) {
      this.url = url;
    }
    setRequestHeader(name: string, value: string) {
      this.headers[name.toLowerCase()] = value;
    }
    abort() {
      this.onabort?.();
    }
    send(data: unknown) {
      sent.push({ url: this.url, headers: this.headers, body: data });
      this.upload.onprogress?.({ loaded: 5, total: 10, lengthComputable: true });
      this.upload.onprogress?.({ loaded: 10, total: 10, lengthComputable: true });
      this.status = status;
      this.responseText = JSON.stringify(body);
      this.onload?.();
    }
  }
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  return sent;
}

describe('a file upload', () => {
  it('sends the raw file with the CSRF header, names it in the address and reports progress', async () => {
    const sent = stubXhr(200, { stored: 3 });
    const file = new Blob(['<reports/>']);
    const progress: number[] = [];
    const answer = await upload<{ stored: number }>('/api/intake/uploads', file, {
      query: { filename: 'batch 1.xml', source: undefined },
      onProgress: (done, total) => progress.push(done / total),
    });
    expect(answer).toEqual({ stored: 3 });
    expect(progress).toEqual([0.5, 1]);
    expect(sent).toEqual([
      {
        url: '/api/intake/uploads?filename=batch+1.xml',
        headers: {
          accept: 'application/json',
          [CSRF_HEADER.toLowerCase()]: '1',
          'content-type': 'application/octet-stream',
        },
        body: file,
      },
    ]);
  });

  it('turns a refusal into an ApiError with the field, like every other request', async () => {
    stubXhr(415, {
      error: { code: 'unsupported_media_type', message: 'x.txt: send a .xml file.', field: 'filename' },
    });
    await expect(upload('/api/intake/uploads', new Blob(['x']))).rejects.toMatchObject({
      status: 415,
      code: 'unsupported_media_type',
      field: 'filename',
    });
  });
});
