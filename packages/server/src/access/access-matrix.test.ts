import { randomUUID } from 'node:crypto';
import { ROLES, type Role } from '@bantay/core/access/roles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, testServer, type ApiClient, type TestServer } from '../../test/helpers';
import { registerRouteAccess, type RegisteredRoute } from './route-access';

/**
 * Who may call what: every API route, written out by hand so a change to the catalogue
 * or a route shows up here as a decision. Every new module adds its routes.
 * 'public': anyone; 'signed-in': every role; otherwise the roles allowed.
 */
const ADMIN: Role[] = ['admin'];
const INTAKE: Role[] = ['triage_analyst', 'supervisor'];
const TRIAGE_READ: Role[] = ['triage_analyst', 'investigator', 'supervisor'];
const TRIAGE_DECIDE: Role[] = ['triage_analyst', 'supervisor'];
const SUPERVISOR: Role[] = ['supervisor'];
const CASE_READ: Role[] = ['investigator', 'supervisor', 'prosecutor'];
const CASE_WRITE: Role[] = ['investigator', 'supervisor'];
const EVIDENCE: Role[] = ['investigator', 'supervisor'];
const AFTERCARE: Role[] = ['supervisor', 'social_worker', 'shelter_staff'];
// The therapist reads survivors by pseudonym and writes nothing but therapy notes.
const AFTERCARE_READ: Role[] = [...AFTERCARE, 'therapist'];
// aftercare:identity: the social worker only.
const IDENTITY: Role[] = ['social_worker'];
// aftercare:therapy: the therapist only.
const THERAPY: Role[] = ['therapist'];
const FINANCE: Role[] = ['investigator', 'supervisor'];
const PROSECUTION: Role[] = ['prosecutor'];
const EXPECTED: Record<string, 'public' | 'signed-in' | Role[]> = {
  'GET /api/health': 'public',
  'GET /api/openapi.json': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'signed-in',
  'GET /api/me': 'signed-in',
  'POST /api/me/mfa/enrolment': 'signed-in',
  'POST /api/me/mfa/confirm': 'signed-in',
  'POST /api/me/password': 'signed-in',
  'GET /api/admin/users': ADMIN,
  'POST /api/admin/users': ADMIN,
  'GET /api/admin/users/:id': ADMIN,
  'PATCH /api/admin/users/:id': ADMIN,
  'POST /api/admin/users/:id/disable': ADMIN,
  'POST /api/admin/users/:id/enable': ADMIN,
  'POST /api/admin/users/:id/unlock': ADMIN,
  'POST /api/admin/users/:id/reset-mfa': ADMIN,
  'GET /api/admin/roles': ADMIN,
  'GET /api/admin/organisations': ADMIN,
  'POST /api/admin/organisations': ADMIN,
  'PATCH /api/admin/organisations/:id': ADMIN,
  'POST /api/admin/organisations/:id/units': ADMIN,
  'GET /api/audit/events': ['admin', 'supervisor'],
  'POST /api/audit/verify': ADMIN,
  'POST /api/intake/reports': INTAKE,
  'POST /api/intake/uploads': INTAKE,
  'GET /api/intake/imports': INTAKE,
  'GET /api/intake/quarantine': INTAKE,
  'GET /api/intake/quarantine/:id': INTAKE,
  'POST /api/intake/quarantine/:id/rerun': INTAKE,
  'POST /api/intake/quarantine/:id/discard': INTAKE,
  'GET /api/intake/referral-schema': 'public',
  'POST /api/intake/hash-sets': INTAKE,
  'GET /api/intake/hash-sets': INTAKE,
  'GET /api/triage/queue': TRIAGE_READ,
  'GET /api/triage/reports/:id': TRIAGE_READ,
  'GET /api/triage/reports/:id/document': TRIAGE_READ,
  'POST /api/triage/reports/:id/claim': TRIAGE_DECIDE,
  'POST /api/triage/reports/:id/assign': SUPERVISOR,
  'POST /api/triage/reports/:id/decision': TRIAGE_DECIDE,
  'POST /api/triage/reports/:id/review': SUPERVISOR,
  'POST /api/triage/bulk': SUPERVISOR,
  'GET /api/triage/map': TRIAGE_READ,
  'GET /api/triage/units': TRIAGE_DECIDE,
  'GET /api/triage/analysts': SUPERVISOR,
  'GET /api/triage/settings': TRIAGE_READ,
  'PUT /api/triage/settings': SUPERVISOR,
  'GET /api/triage/filters': TRIAGE_READ,
  'POST /api/triage/filters': TRIAGE_READ,
  'DELETE /api/triage/filters/:id': TRIAGE_READ,
  'GET /api/cases': CASE_READ,
  'POST /api/cases': CASE_WRITE,
  'GET /api/cases/team-options': CASE_WRITE,
  'GET /api/cases/calendar': CASE_READ,
  'GET /api/cases/:id': CASE_READ,
  'PATCH /api/cases/:id': CASE_WRITE,
  'POST /api/cases/:id/accept': CASE_WRITE,
  'POST /api/cases/:id/members': CASE_WRITE,
  'GET /api/cases/:id/timeline': CASE_READ,
  'GET /api/cases/:id/graph': CASE_READ,
  'GET /api/cases/:id/graph/expand': CASE_READ,
  'GET /api/cases/:id/export/ftm': CASE_READ,
  'POST /api/cases/:id/subjects': CASE_WRITE,
  'POST /api/cases/:id/subjects/:subjectId/identifiers': CASE_WRITE,
  'POST /api/cases/:id/victims': CASE_WRITE,
  'POST /api/cases/:id/tasks': CASE_WRITE,
  'POST /api/cases/:id/tasks/:taskId/done': CASE_WRITE,
  'POST /api/cases/:id/notes': CASE_WRITE,
  'GET /api/cases/:id/documents': CASE_READ,
  'POST /api/cases/:id/documents': CASE_WRITE,
  'GET /api/cases/:id/documents/:documentId/content': CASE_READ,
  'POST /api/cases/:id/documents/:documentId/withdraw': CASE_WRITE,
  'GET /api/reminders': CASE_READ,
  'POST /api/reminders/set-aside': CASE_READ,
  'GET /api/cases/:id/legal': CASE_READ,
  'POST /api/cases/:id/legal': CASE_WRITE,
  'PUT /api/cases/:id/legal/:requestId': CASE_WRITE,
  'GET /api/cases/:id/operations': CASE_READ,
  'POST /api/cases/:id/operations': CASE_WRITE,
  'POST /api/cases/:id/operations/:operationId/approve': SUPERVISOR,
  'POST /api/cases/:id/operations/:operationId/outcome': CASE_WRITE,
  'GET /api/cases/:id/evidence': CASE_READ,
  'POST /api/cases/:id/evidence': EVIDENCE,
  'POST /api/cases/:id/evidence/:itemId/transfers': EVIDENCE,
  'GET /api/cases/:id/evidence/export/csv': CASE_READ,
  'GET /api/cases/:id/evidence/export/pdf': CASE_READ,
  'POST /api/evidence/verify': EVIDENCE,
  'POST /api/cases/:id/finance/imports': FINANCE,
  'GET /api/cases/:id/finance/recipients': FINANCE,
  'GET /api/cases/:id/finance/recipient': FINANCE,
  'GET /api/referrals/sent': ['foreign_liaison'],
  'GET /api/aftercare/survivors': AFTERCARE_READ,
  'POST /api/aftercare/survivors': AFTERCARE,
  'GET /api/aftercare/survivors/:id': AFTERCARE_READ,
  'PATCH /api/aftercare/survivors/:id': AFTERCARE,
  'GET /api/aftercare/survivors/:id/identity': IDENTITY,
  'PUT /api/aftercare/survivors/:id/identity': IDENTITY,
  'POST /api/aftercare/survivors/:id/consents': AFTERCARE,
  'POST /api/aftercare/consents/:id/withdraw': AFTERCARE,
  'POST /api/aftercare/survivors/:id/care-plans': AFTERCARE,
  'POST /api/aftercare/care-plans/:id/decision': SUPERVISOR,
  'POST /api/aftercare/care-plans/:id/reviews': AFTERCARE,
  'POST /api/aftercare/survivors/:id/placements': AFTERCARE,
  'POST /api/aftercare/survivors/:id/transfer': AFTERCARE,
  'POST /api/aftercare/survivors/:id/assessments': AFTERCARE,
  'POST /api/aftercare/survivors/:id/services': AFTERCARE,
  'POST /api/aftercare/survivors/:id/closure': AFTERCARE,
  'POST /api/aftercare/survivors/:id/closure/decision': SUPERVISOR,
  'GET /api/aftercare/rescue-intakes': AFTERCARE,
  'POST /api/aftercare/rescue-intakes/:id/take-in': AFTERCARE,
  'GET /api/aftercare/survivors/:id/therapy-notes': THERAPY,
  'POST /api/aftercare/survivors/:id/therapy-notes': THERAPY,
  'POST /api/aftercare/survivors/:id/enrolments': AFTERCARE,
  'PUT /api/aftercare/enrolments/:id/attendance': AFTERCARE,
  'POST /api/aftercare/survivors/:id/conferences': AFTERCARE,
  'POST /api/aftercare/survivors/:id/follow-ups': AFTERCARE,
  'POST /api/aftercare/survivors/:id/court-support': AFTERCARE,
  'GET /api/aftercare/calendar': AFTERCARE_READ,
  'GET /api/aftercare/partners': AFTERCARE_READ,
  'POST /api/aftercare/partners': AFTERCARE,
  'PUT /api/aftercare/partners/:id': AFTERCARE,
  'GET /api/aftercare/organisations': AFTERCARE,
  'GET /api/aftercare/instruments': AFTERCARE_READ,
  'POST /api/aftercare/instruments': SUPERVISOR,
  'GET /api/aftercare/dashboard': AFTERCARE_READ,
  'GET /api/metrics/aftercare': ['programme_manager'],
  'GET /api/aftercare/court-dates': AFTERCARE_READ,
  'GET /api/cases/:id/court': CASE_READ,
  'GET /api/prosecution/statutes': PROSECUTION,
  'GET /api/prosecution/court-cases': PROSECUTION,
  'POST /api/prosecution/court-cases': PROSECUTION,
  'GET /api/prosecution/calendar': PROSECUTION,
  'GET /api/prosecution/calendar.ics': PROSECUTION,
  'GET /api/prosecution/court-cases/:id': PROSECUTION,
  'PATCH /api/prosecution/court-cases/:id': PROSECUTION,
  'GET /api/prosecution/court-cases/:id/timeline': PROSECUTION,
  'GET /api/prosecution/court-cases/:id/hearings.ics': PROSECUTION,
  'POST /api/prosecution/court-cases/:id/accused': PROSECUTION,
  'POST /api/prosecution/court-cases/:id/charges': PROSECUTION,
  'PUT /api/prosecution/court-cases/:id/stages/:kind': PROSECUTION,
  'POST /api/prosecution/court-cases/:id/pleas': PROSECUTION,
  'POST /api/prosecution/court-cases/:id/hearings': PROSECUTION,
  'PATCH /api/prosecution/court-cases/:id/hearings/:hearingId': PROSECUTION,
  'PUT /api/prosecution/court-cases/:id/outcomes': PROSECUTION,
  'GET /api/prosecution/dashboard': PROSECUTION,
  'GET /api/metrics/prosecution': ['programme_manager'],
};

const key = (route: RegisteredRoute) => `${route.method} ${route.url}`;
const allowed = (expected: 'public' | 'signed-in' | Role[], role: Role) =>
  expected === 'public' || expected === 'signed-in' || expected.includes(role);

let server: TestServer;
const clients = new Map<Role, ApiClient>();

beforeAll(async () => {
  server = await testServer();
  for (const role of ROLES)
    clients.set(
      role,
      (await signedIn(server, role, { organisation: `ORG-${role}`.replaceAll('_', '-').toUpperCase() }))
        .client,
    );
});
afterAll(async () => server.close());

function call(client: ApiClient, route: RegisteredRoute) {
  const id = /\/(triage\/reports)\//.test(route.url) ? '987654321' : randomUUID();
  const url = route.url.replaceAll(':id', id);
  return client.request(route.method, url, route.method === 'GET' ? undefined : {});
}

describe('access matrix', () => {
  it('lists every route the app serves, and no route that is gone', () => {
    expect(server.routes.map(key).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('refuses to start when a route declares no access', () => {
    expect(() => registerRouteAccess([], { method: 'GET', url: '/api/forgotten', config: {} })).toThrow(
      /declares no access/,
    );
  });

  it('answers 401 to an anonymous caller on every route that is not public', async () => {
    const leaks: string[] = [];
    for (const route of server.routes) {
      const response = await call(server.client(), route);
      const expected = EXPECTED[key(route)];
      if (expected !== 'public' && response.status !== 401) leaks.push(`${key(route)} → ${response.status}`);
      if (expected === 'public' && [401, 403].includes(response.status))
        leaks.push(`${key(route)} refused anonymously`);
    }
    expect(leaks).toEqual([]);
  });

  it('runs every route for every role: 0 unexpected allows, 0 unexpected denials', async () => {
    const unexpectedAllows: string[] = [];
    const unexpectedDenials: string[] = [];
    let checked = 0;
    for (const route of server.routes) {
      const expected = EXPECTED[key(route)] ?? [];
      for (const role of ROLES) {
        let client = clients.get(role)!;
        const response = await call(client, route);
        const refused = response.status === 403 || response.status === 401;
        if (refused && allowed(expected, role))
          unexpectedDenials.push(`${role}: ${key(route)} → ${response.status}`);
        if (!refused && !allowed(expected, role))
          unexpectedAllows.push(`${role}: ${key(route)} → ${response.status}`);
        if (!allowed(expected, role)) expect(response.body).toMatchObject({ error: { code: 'forbidden' } });
        checked += 1;
        if (route.url === '/api/auth/logout') {
          client = (await signedIn(server, role)).client;
          clients.set(role, client);
        }
      }
    }
    expect(unexpectedAllows).toEqual([]);
    expect(unexpectedDenials).toEqual([]);
    expect(checked).toBe(server.routes.length * ROLES.length);
    // Every route for every role, one after another: it grows with each module, and a busy
    // machine (14 s alone here, over 30 s at a load of 9) must not fail it.
  }, 120_000);
});
