import { randomUUID } from 'node:crypto';
import type { Organisation, User } from '@bantay/core/admin/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditCount,
  signedIn,
  testOrganisation,
  testServer,
  type ApiClient,
  type TestServer,
} from '../../test/helpers';

let server: TestServer;
let admin: ApiClient;
let adminId: string;
let organisation: { id: string; unitId: string };

beforeAll(async () => {
  server = await testServer();
  const signed = await signedIn(server, 'admin');
  admin = signed.client;
  adminId = signed.user.id;
  organisation = await testOrganisation(server.deps, 'DSWD-TEST');
});
afterAll(async () => server.close());

const newUser = (overrides: Record<string, unknown> = {}) => ({
  email: `worker.${randomUUID().slice(0, 8)}@example.test`,
  displayName: 'Maria Test',
  role: 'social_worker',
  organisationId: organisation.id,
  unitId: organisation.unitId,
  password: 'a sufficiently long passphrase',
  ...overrides,
});

describe('users', () => {
  it('creates a user who can then sign in, with exactly one audit row', async () => {
    const input = newUser();
    const created = await admin.post<User>('/api/admin/users', input);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      email: input.email,
      role: 'social_worker',
      status: 'active',
      mfaEnabled: false,
    });
    expect(created.body.abilities).toEqual({
      update: true,
      disable: true,
      enable: false,
      unlock: false,
      resetMfa: false,
    });
    expect(await auditCount(server.deps, 'user.created', created.body.id)).toBe(1);
    expect((await server.client().signIn(input.email, input.password)).status).toBe(200);
  });

  it('names the field for a taken e-mail, a common password and a unit of another organisation', async () => {
    const input = newUser();
    await admin.post('/api/admin/users', input);
    expect((await admin.post('/api/admin/users', { ...input })).body).toMatchObject({
      error: { code: 'conflict', field: 'email' },
    });
    expect((await admin.post('/api/admin/users', newUser({ password: 'password1234' }))).body).toMatchObject({
      error: { code: 'password_rejected', field: 'password' },
    });
    const other = await testOrganisation(server.deps, 'OTHER-ORG');
    expect((await admin.post('/api/admin/users', newUser({ unitId: other.unitId }))).body).toMatchObject({
      error: { code: 'validation_failed', field: 'unitId' },
    });
    expect((await admin.post('/api/admin/users', newUser({ role: 'wizard' }))).body).toMatchObject({
      error: { code: 'validation_failed', field: 'role' },
    });
  });

  it('accepts a 64-character passphrase and refuses one of 129', async () => {
    expect(
      (await admin.post('/api/admin/users', newUser({ password: 'x'.repeat(10) + 'y'.repeat(54) }))).status,
    ).toBe(201);
    expect((await admin.post('/api/admin/users', newUser({ password: 'ab'.repeat(65) }))).body).toMatchObject(
      {
        error: { code: 'password_rejected' },
      },
    );
  });

  it('changes a role, and the change takes effect on the user’s open session', async () => {
    const input = newUser({ role: 'trainer' });
    const { body: user } = await admin.post<User>('/api/admin/users', input);
    const client = server.client();
    await client.signIn(input.email, input.password);
    expect((await client.get<{ permissions: string[] }>('/api/me')).body.permissions).toContain(
      'training:write',
    );
    const updated = await admin.patch<User>(`/api/admin/users/${user.id}`, { role: 'programme_manager' });
    expect(updated.body.role).toBe('programme_manager');
    expect((await client.get<{ permissions: string[] }>('/api/me')).body.permissions).not.toContain(
      'training:write',
    );
    expect(await auditCount(server.deps, 'user.updated', user.id)).toBe(1);
  });

  it('disables (ending sessions), re-enables, and resets MFA only when the abilities allow', async () => {
    const input = newUser();
    const { body: user } = await admin.post<User>('/api/admin/users', input);
    const disabled = await admin.post<User>(`/api/admin/users/${user.id}/disable`);
    expect(disabled.body.status).toBe('disabled');
    expect(disabled.body.abilities).toMatchObject({ disable: false, enable: true });
    expect((await admin.post(`/api/admin/users/${user.id}/disable`)).body).toMatchObject({
      error: { code: 'conflict' },
    });
    expect((await admin.post(`/api/admin/users/${user.id}/enable`)).status).toBe(200);
    expect((await admin.post(`/api/admin/users/${user.id}/reset-mfa`)).body).toMatchObject({
      error: { code: 'conflict' },
    });
  });

  it('never lets an administrator disable himself', async () => {
    expect((await admin.post(`/api/admin/users/${adminId}/disable`)).body).toMatchObject({
      error: { code: 'conflict' },
    });
  });

  it('answers 404 for a user that does not exist and audits each read', async () => {
    expect((await admin.get(`/api/admin/users/${randomUUID()}`)).status).toBe(404);
    expect((await admin.get('/api/admin/users/not-a-uuid')).body).toMatchObject({
      error: { code: 'validation_failed', field: 'id' },
    });
    const { body: user } = await admin.post<User>('/api/admin/users', newUser());
    await admin.get(`/api/admin/users/${user.id}`);
    expect(await auditCount(server.deps, 'user.read', user.id)).toBe(1);
  });

  it('filters users by organisation, role, status and text', async () => {
    const { body: user } = await admin.post<User>(
      '/api/admin/users',
      newUser({ displayName: 'Findable Person', role: 'shelter_staff' }),
    );
    const byText = await admin.get<{ users: User[] }>('/api/admin/users?q=findable');
    expect(byText.body.users.map((u) => u.id)).toEqual([user.id]);
    const byRole = await admin.get<{ users: User[] }>(
      `/api/admin/users?role=shelter_staff&organisationId=${organisation.id}&status=active`,
    );
    expect(byRole.body.users.every((u) => u.role === 'shelter_staff')).toBe(true);
  });
});

describe('organisations', () => {
  it('creates an organisation and a unit, refusing a duplicate code', async () => {
    const created = await admin.post<Organisation>('/api/admin/organisations', {
      code: 'ngo-haven',
      name: 'Haven NGO',
      kind: 'ngo',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'NGO-HAVEN', country: 'PH', units: [], userCount: 0 });
    const duplicate = await admin.post('/api/admin/organisations', {
      code: 'NGO-HAVEN',
      name: 'Again',
      kind: 'ngo',
    });
    expect(duplicate.body).toMatchObject({ error: { code: 'conflict', field: 'code' } });
    const withUnit = await admin.post<Organisation>(`/api/admin/organisations/${created.body.id}/units`, {
      name: 'Cebu house',
    });
    expect(withUnit.body.units.map((u) => u.name)).toEqual(['Cebu house']);
    expect(await auditCount(server.deps, 'organisation.created', created.body.id)).toBe(1);
  });

  it('disabling an organisation stops its users from signing in and ends their sessions', async () => {
    const { body: org } = await admin.post<Organisation>('/api/admin/organisations', {
      code: 'SHORT-LIVED',
      name: 'Short lived',
      kind: 'ngo',
    });
    const input = newUser({ organisationId: org.id, unitId: null });
    await admin.post('/api/admin/users', input);
    const client = server.client();
    await client.signIn(input.email, input.password);
    await admin.patch(`/api/admin/organisations/${org.id}`, { disabled: true });
    expect((await client.get('/api/me')).status).toBe(401);
    expect((await server.client().signIn(input.email, input.password)).body).toMatchObject({
      error: { code: 'invalid_credentials' },
    });
    expect(
      (await admin.post('/api/admin/users', newUser({ organisationId: org.id, unitId: null }))).body,
    ).toMatchObject({
      error: { field: 'organisationId' },
    });
  });
});
