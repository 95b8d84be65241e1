import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCount, signedIn, testServer, userWithRole, type TestServer } from '../../test/helpers';
import { totpCode } from './totp';

let server: TestServer;
beforeAll(async () => {
  server = await testServer();
});
afterAll(async () => server.close());

const INVALID = 'invalid_credentials';

describe('sign-in', () => {
  it('signs a user in with a fresh HttpOnly, SameSite=Strict session cookie and audits it', async () => {
    const user = await userWithRole(server.deps, 'investigator');
    const client = server.client();
    const response = await client.signIn(user.email.toUpperCase(), user.password);
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie()[0] ?? '';
    expect(cookie).toMatch(/^bantay_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const me = await client.get<{ user: { email: string }; permissions: string[] }>('/api/me');
    expect(me.body.user.email).toBe(user.email);
    expect(me.body.permissions).toContain('cases:read');
    expect(await auditCount(server.deps, 'auth.login')).toBeGreaterThan(0);
  });

  it('stores only a hash of the session token', async () => {
    const { client } = await signedIn(server, 'trainer');
    const token = [...client.cookies.values()][0] ?? '';
    const rows = await server.deps.db.selectFrom('user_session').select('token_hash').execute();
    expect(
      rows.some(
        (row) => row.token_hash.toString('base64url') === token || row.token_hash.toString() === token,
      ),
    ).toBe(false);
  });

  it('gives a new token at every sign-in and ends the one the browser carried', async () => {
    const user = await userWithRole(server.deps, 'trainer');
    const client = server.client();
    await client.signIn(user.email, user.password);
    const first = new Map(client.cookies);
    await client.signIn(user.email, user.password);
    expect(client.cookies.get('bantay_session')).not.toBe(first.get('bantay_session'));
    const old = server.client();
    old.cookies = first;
    expect((await old.get('/api/me')).status).toBe(401);
  });

  it('answers the same error for an unknown account, a wrong password and a locked account', async () => {
    const user = await userWithRole(server.deps, 'trainer');
    const unknown = await server.client().signIn('nobody.here@example.test', user.password);
    const wrong = await server.client().signIn(user.email, 'not the right password');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect((wrong.body as { error: { code: string } }).error.code).toBe(INVALID);
  });

  it('locks the account at the fifth failure within 15 minutes, until an admin unlocks it', async () => {
    const user = await userWithRole(server.deps, 'social_worker');
    const client = server.client();
    for (let i = 0; i < 5; i += 1)
      expect((await client.signIn(user.email, `wrong password ${i}`)).status).toBe(401);
    const locked = await client.signIn(user.email, user.password);
    expect(locked.status).toBe(401);
    expect((locked.body as { error: { code: string } }).error.code).toBe(INVALID);
    expect(await auditCount(server.deps, 'auth.locked', user.id)).toBe(1);

    const { client: admin } = await signedIn(server, 'admin');
    expect((await admin.post(`/api/admin/users/${user.id}/unlock`)).status).toBe(200);
    expect((await client.signIn(user.email, user.password)).status).toBe(200);
  });

  it('forgets failures older than 15 minutes', async () => {
    const user = await userWithRole(server.deps, 'social_worker');
    const client = server.client();
    for (let i = 0; i < 4; i += 1) await client.signIn(user.email, 'wrong password again');
    server.clock.advance(16 * 60_000);
    await client.signIn(user.email, 'wrong password again');
    expect((await client.signIn(user.email, user.password)).status).toBe(200);
  });

  it('refuses a disabled account with the same error', async () => {
    const user = await userWithRole(server.deps, 'trainer');
    await server.deps.db
      .updateTable('app_user')
      .set({ disabled_at: new Date() })
      .where('id', '=', user.id)
      .execute();
    const response = await server.client().signIn(user.email, user.password);
    expect((response.body as { error: { code: string } }).error.code).toBe(INVALID);
  });

  it('names the field of bad input', async () => {
    const response = await server.client().post('/api/auth/login', { email: 'not-an-email', password: 'x' });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { code: 'validation_failed', field: 'email' } });
  });
});

describe('sessions', () => {
  it('ends a session idle for 30 minutes', async () => {
    const { client } = await signedIn(server, 'trainer');
    server.clock.advance(29 * 60_000);
    expect((await client.get('/api/me')).status).toBe(200);
    server.clock.advance(30 * 60_000);
    const response = await client.get('/api/me');
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ error: { code: 'session_expired' } });
  });

  it('ends a session 12 hours after sign-in however active it is', async () => {
    const { client } = await signedIn(server, 'trainer');
    for (let step = 0; step < 35; step += 1) {
      server.clock.advance(20 * 60_000);
      expect((await client.get('/api/me')).status).toBe(200);
    }
    server.clock.advance(20 * 60_000);
    expect((await client.get('/api/me')).status).toBe(401);
  });

  it('ends every session of the user at sign-out', async () => {
    const user = await userWithRole(server.deps, 'trainer');
    const laptop = server.client();
    const tablet = server.client();
    await laptop.signIn(user.email, user.password);
    await tablet.signIn(user.email, user.password);
    expect((await laptop.post('/api/auth/logout')).status).toBe(200);
    expect((await laptop.get('/api/me')).status).toBe(401);
    expect((await tablet.get('/api/me')).status).toBe(401);
  });

  it('stops a disabled user’s open session at its next request', async () => {
    const { user, client } = await signedIn(server, 'investigator');
    const { client: admin } = await signedIn(server, 'admin');
    expect((await admin.post(`/api/admin/users/${user.id}/disable`)).status).toBe(200);
    expect((await client.get('/api/me')).status).toBe(401);
  });

  it('refuses a state-changing request without the anti-CSRF header or from another origin', async () => {
    const { client } = await signedIn(server, 'trainer');
    const noHeader = await client.request('POST', '/api/auth/logout', {}, { 'x-bantay-request': '' });
    expect(noHeader.body).toMatchObject({ error: { code: 'csrf_rejected' } });
    const foreign = await client.request('POST', '/api/auth/logout', {}, { origin: 'https://evil.example' });
    expect(foreign.body).toMatchObject({ error: { code: 'csrf_rejected' } });
  });
});

describe('TOTP second factor', () => {
  it('enrols by QR code, then requires the code, and never accepts a code twice', async () => {
    const { user, client } = await signedIn(server, 'prosecutor');
    const enrolment = await client.post<{ secret: string; qrCode: string; otpauthUri: string }>(
      '/api/me/mfa/enrolment',
    );
    expect(enrolment.body.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(enrolment.body.otpauthUri).toContain('issuer=Bantay');
    const secret = enrolment.body.secret;
    expect((await client.post('/api/me/mfa/confirm', { code: '000000' })).status).toBe(400);
    expect(
      (await client.post('/api/me/mfa/confirm', { code: totpCode(secret, server.clock.now()) })).status,
    ).toBe(200);
    const stored = await server.deps.db
      .selectFrom('app_user')
      .select('mfa_secret')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(stored.mfa_secret?.toString('latin1')).not.toContain(secret);

    const again = server.client();
    const withoutCode = await again.signIn(user.email, user.password);
    expect(withoutCode.body).toMatchObject({ error: { code: 'mfa_required' } });
    server.clock.advance(30_000);
    const code = totpCode(secret, server.clock.now());
    expect((await again.signIn(user.email, user.password, code)).status).toBe(200);
    const replay = await server.client().signIn(user.email, user.password, code);
    expect(replay.body).toMatchObject({ error: { code: INVALID } });
  });

  it('when MFA is required, lets an unenrolled user do nothing but enrol', async () => {
    const strict = await testServer({ BANTAY_REQUIRE_MFA: 'true' });
    try {
      const { client } = await signedIn(strict, 'admin');
      const me = await client.get<{ mfa: { enrolmentRequired: boolean }; permissions: string[] }>('/api/me');
      expect(me.body.mfa.enrolmentRequired).toBe(true);
      expect(me.body.permissions).toEqual([]);
      expect((await client.get('/api/admin/users')).body).toMatchObject({
        error: { code: 'mfa_enrolment_required' },
      });
      const { secret } = (await client.post<{ secret: string }>('/api/me/mfa/enrolment')).body;
      await client.post('/api/me/mfa/confirm', { code: totpCode(secret, strict.clock.now()) });
      expect((await client.get('/api/admin/users')).status).toBe(200);
    } finally {
      await strict.close();
    }
  });
});

describe('passwords', () => {
  it('lets a user change his password within the policy, ending his other sessions', async () => {
    const { user, client } = await signedIn(server, 'trainer');
    const other = server.client();
    await other.signIn(user.email, user.password);
    const common = await client.post('/api/me/password', {
      currentPassword: user.password,
      newPassword: 'password1234',
    });
    expect(common.body).toMatchObject({ error: { code: 'password_rejected', field: 'newPassword' } });
    const short = await client.post('/api/me/password', {
      currentPassword: user.password,
      newPassword: 'short',
    });
    expect(short.body).toMatchObject({ error: { code: 'password_rejected', field: 'newPassword' } });
    const ok = await client.post('/api/me/password', {
      currentPassword: user.password,
      newPassword: 'a brand new long passphrase',
    });
    expect(ok.status).toBe(200);
    expect((await other.get('/api/me')).status).toBe(401);
    expect((await client.get('/api/me')).status).toBe(200);
  });
});
