import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, testServer, type TestServer } from '../../../test/helpers';

let server: TestServer;
beforeAll(async () => {
  server = await testServer({ BANTAY_TRUST_PROXY: 'true' });
});
afterAll(async () => server.close());

const SECURITY_HEADERS = {
  'content-security-policy':
    /default-src 'self';script-src 'self' 'nonce-[0-9a-f]+';.*object-src 'none';base-uri 'none';frame-ancestors 'none'/,
  'strict-transport-security': /max-age=31536000; includeSubDomains/,
  'x-content-type-options': /^nosniff$/,
  'x-frame-options': /^DENY$/,
  'referrer-policy': /^no-referrer$/,
};

function expectSecurityHeaders(headers: Headers, where: string): void {
  for (const [name, pattern] of Object.entries(SECURITY_HEADERS)) {
    expect(headers.get(name), `${name} on ${where}`).toMatch(pattern);
  }
  expect(headers.get('content-security-policy'), where).not.toMatch(/unsafe-inline|unsafe-eval/);
}

describe('HTTP hardening', () => {
  it('sends the security headers and Cache-Control: no-store on every API response, errors included', async () => {
    const client = server.client();
    for (const [method, url] of [
      ['GET', '/api/health'],
      ['GET', '/api/me'],
      ['GET', '/api/nothing-here'],
      ['POST', '/api/auth/login'],
      ['GET', '/api/openapi.json'],
    ] as const) {
      const response = await client.request(method, url, method === 'POST' ? {} : undefined);
      expectSecurityHeaders(response.headers, `${method} ${url}`);
      expect(response.headers.get('cache-control'), url).toBe('no-store');
    }
    const docs = await client.get('/api/docs/');
    expectSecurityHeaders(docs.headers, '/api/docs');
  });

  it('sets every session cookie HttpOnly, SameSite=Strict, and Secure with the __Host- prefix over HTTPS', async () => {
    const { user } = await signedIn(server, 'trainer');
    const https = server.client();
    const response = await https.request(
      'POST',
      '/api/auth/login',
      { email: user.email, password: user.password },
      { 'x-forwarded-proto': 'https' },
    );
    const cookies = response.headers.getSetCookie();
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatch(
      /^__Host-bantay_session=[^;]+; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Strict$/,
    );
    const token = cookies[0]!.split(';')[0]!.split('=')[1]!;
    const me = await fetch(`${server.baseUrl}/api/me`, {
      headers: { cookie: `__Host-bantay_session=${token}`, 'x-forwarded-proto': 'https' },
    });
    expect(me.status).toBe(200);
    const plain = await fetch(`${server.baseUrl}/api/me`, {
      headers: { cookie: `__Host-bantay_session=${token}` },
    });
    expect(plain.status).toBe(401);
    const logout = await fetch(`${server.baseUrl}/api/auth/logout`, {
      method: 'POST',
      headers: {
        cookie: `__Host-bantay_session=${token}`,
        'x-forwarded-proto': 'https',
        'x-bantay-request': '1',
      },
    });
    expect(logout.headers.getSetCookie()[0]).toMatch(
      /^__Host-bantay_session=; .*HttpOnly; Secure; SameSite=Strict/,
    );
  });

  it('answers errors in the catalogue shape, never with a stack trace', async () => {
    const client = server.client();
    const notFound = await client.get('/api/nothing-here');
    expect(notFound.status).toBe(404);
    expect(notFound.body).toEqual({ error: { code: 'not_found', message: 'Not found.' } });
    const badJson = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-bantay-request': '1' },
      body: '{"email": ',
    });
    const body = (await badJson.json()) as { error: { code: string; message: string } };
    expect(badJson.status).toBe(400);
    expect(body.error.code).toBe('validation_failed');
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('refuses a body over the limit and an unsupported content type', async () => {
    const big = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-bantay-request': '1' },
      body: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    const image = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'image/png', 'x-bantay-request': '1' },
      body: 'not an image',
    });
    expect(image.status).toBe(415);
  });

  it('reports health and the database kind', async () => {
    expect((await server.client().get('/api/health')).body).toEqual({ status: 'ok', database: 'postgres' });
  });

  it('publishes an OpenAPI document generated from the schemas', async () => {
    const doc = await server
      .client()
      .get<{ openapi: string; paths: Record<string, unknown> }>('/api/openapi.json');
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/admin/users', '/api/audit/events']),
    );
  });
});

describe('rate limit', () => {
  it('limits sign-in attempts per minute per address', async () => {
    const limited = await testServer({ BANTAY_AUTH_RATE_LIMIT: '3' });
    try {
      const client = limited.client();
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1)
        statuses.push((await client.signIn('x@example.test', 'wrong password here')).status);
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      expect((await client.signIn('x@example.test', 'wrong')).body).toMatchObject({
        error: { code: 'rate_limited' },
      });
    } finally {
      await limited.close();
    }
  });
});
