import { createRequire } from 'node:module';
import fs from 'node:fs';
import type { Graph } from '@bantay/core/cases/graph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERRED_EMAIL, referredCase } from '../../test/cases';
import {
  auditCount,
  signedIn,
  testServer,
  type ApiClient,
  type TestServer,
  type TestUser,
} from '../../test/helpers';
import { importReferrals, referral } from '../../test/intake';
import type { FtmEntity } from './ftm';
import { GRAPH_FAN_OUT_SCAN, identifierReports } from './graph';

let server: TestServer;
let investigator: ApiClient;
let investigatorUser: TestUser;
let caseId: string;
let reportId: string;
let subjectId: string;

beforeAll(async () => {
  server = await testServer();
  ({ caseId, reportId } = await referredCase(server, 'POLICE-A'));
  ({ client: investigator, user: investigatorUser } = await signedIn(server, 'investigator', {
    organisation: 'POLICE-A',
  }));
  await investigator.post(`/api/cases/${caseId}/accept`);
  const subject = await investigator.post<{ id: string }>(`/api/cases/${caseId}/subjects`, {
    role: 'facilitator',
    fullName: 'Graph Example Facilitator',
    aliases: ['GEF'],
    nationality: 'PH',
    birthDate: '1980-02-03',
    address: 'Purok 1',
    psgcCode: '0702200000',
  });
  subjectId = subject.body.id;
  for (const identifier of [
    { kind: 'email', value: REFERRED_EMAIL },
    { kind: 'username', value: 'gef_live', platform: 'facebook' },
    { kind: 'payment_account', value: '09171234567', platform: 'gcash' },
  ])
    await investigator.post(`/api/cases/${caseId}/subjects/${subjectId}/identifiers`, identifier);
  // Another report, in nobody's case, that names the same e-mail: counted, never shown.
  await importReferrals(server.deps, [
    referral({ subjects: [{ role: 'reported', identifiers: [{ kind: 'email', value: REFERRED_EMAIL }] }] }),
  ]);
});
afterAll(async () => server.close());

const graphOf = async (url: string) => (await investigator.get<Graph>(url)).body;

describe('link graph', () => {
  it('joins the facilitator to the referred report through the shared e-mail; every edge names its source', async () => {
    const graph = await graphOf(`/api/cases/${caseId}/graph`);
    const email = graph.nodes.find((n) => n.type === 'identifier' && n.kind === 'email');
    expect(email).toBeDefined();
    const sources = graph.edges.filter((e) => e.target === email!.id).map((e) => e.source);
    expect(sources).toEqual(expect.arrayContaining([`report:${reportId}`, `person:${subjectId}`]));
    expect(graph.nodes.find((n) => n.type === 'account')).toMatchObject({ kind: 'payment_account' });
    expect(graph.edges.every((e) => e.via.length > 0)).toBe(true);
    const ids = new Set(graph.nodes.map((n) => n.id));
    expect(graph.edges.every((e) => ids.has(e.source) && ids.has(e.target))).toBe(true);
    expect(await auditCount(server.deps, 'case.graph_read', caseId)).toBe(1);
  });

  it('expands an identifier from the database: reports in scope shown, the others only counted', async () => {
    const graph = await graphOf(`/api/cases/${caseId}/graph`);
    const email = graph.nodes.find((n) => n.type === 'identifier' && n.kind === 'email')!;
    const expanded = await graphOf(`/api/cases/${caseId}/graph/expand?node=${encodeURIComponent(email.id)}`);
    expect(expanded.nodes.filter((n) => n.type === 'report').map((n) => n.id)).toEqual([
      `report:${reportId}`,
    ]);
    expect(expanded.nodes.find((n) => n.type === 'more')).toMatchObject({ label: '+1' });
    const ids = new Set(expanded.nodes.map((n) => n.id));
    expect(expanded.edges.every((e) => ids.has(e.source) && ids.has(e.target))).toBe(true);
  });

  it('finds the same reports of a busy identifier from the case side as of a quiet one from its own', async () => {
    const email = await server.deps.db
      .selectFrom('identifier')
      .select(['id', 'report_count'])
      .where('kind', '=', 'email')
      .where('value', '=', REFERRED_EMAIL)
      .executeTakeFirstOrThrow();
    const actor = {
      userId: investigatorUser.id,
      email: investigatorUser.email,
      role: investigatorUser.role,
      organisationId: investigatorUser.organisationId,
      organisationKind: 'police',
      organisationCode: 'POLICE-A',
      unitId: investigatorUser.unitId,
    };
    const quiet = await identifierReports(server.deps.db, actor, email.id, email.report_count).execute();
    const busy = await identifierReports(server.deps.db, actor, email.id, GRAPH_FAN_OUT_SCAN + 1).execute();
    expect(quiet.map((r) => String(r.id))).toEqual([reportId]);
    expect(busy).toEqual(quiet);
  });

  it('answers 404 to another unit and for a report outside the caller’s cases', async () => {
    const { client: other } = await signedIn(server, 'investigator', { organisation: 'POLICE-B' });
    expect((await other.get(`/api/cases/${caseId}/graph`)).status).toBe(404);
    expect((await other.get(`/api/cases/${caseId}/export/ftm`)).status).toBe(404);
    const outside = await server.deps.db
      .selectFrom('report')
      .select('id')
      .where('id', '<>', reportId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(
      (await investigator.get(`/api/cases/${caseId}/graph/expand?node=report:${outside.id}`)).status,
    ).toBe(404);
    expect((await investigator.get(`/api/cases/${caseId}/graph/expand?node=bogus`)).status).toBe(400);
  });
});

type FtmModel = {
  schemata: Record<
    string,
    { extends?: string[]; abstract?: boolean; required?: string[]; properties: Record<string, unknown> }
  >;
};

/** The FollowTheMoney model of @alephdata/followthemoney 3.8.4, as Aleph validates it. */
function ftmModel(): FtmModel {
  const require = createRequire(import.meta.url);
  const file = require.resolve('@alephdata/followthemoney/dist/defaultModel.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as FtmModel;
}

function propertiesOf(model: FtmModel, schema: string): Set<string> {
  const own = model.schemata[schema];
  if (!own) return new Set();
  return new Set([
    ...Object.keys(own.properties),
    ...(own.extends ?? []).flatMap((parent) => [...propertiesOf(model, parent)]),
  ]);
}

function requiredOf(model: FtmModel, schema: string): string[] {
  const own = model.schemata[schema];
  return [...(own?.required ?? []), ...(own?.extends ?? []).flatMap((parent) => requiredOf(model, parent))];
}

describe('FollowTheMoney export', () => {
  it('validates against the FtM schema definitions: entity types, property names, required properties, references', async () => {
    // JSON lines: read as text (the test client would parse one JSON document).
    const response = await fetch(`${server.baseUrl}/api/cases/${caseId}/export/ftm`, {
      headers: { cookie: [...investigator.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(response.headers.get('content-type')).toMatch(/application\/x-ndjson/);
    const entities = (await response.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as FtmEntity);
    const model = ftmModel();
    const problems: string[] = [];
    const ids = new Set(entities.map((e) => e.id));
    for (const entity of entities) {
      const schema = model.schemata[entity.schema];
      if (!schema || schema.abstract) {
        problems.push(`${entity.schema}: not a concrete schema`);
        continue;
      }
      const known = propertiesOf(model, entity.schema);
      for (const [name, values] of Object.entries(entity.properties)) {
        if (!known.has(name)) problems.push(`${entity.schema}.${name}: no such property`);
        if (!Array.isArray(values) || values.some((v) => typeof v !== 'string'))
          problems.push(`${entity.schema}.${name}: not an array of strings`);
      }
      for (const name of requiredOf(model, entity.schema))
        if (!entity.properties[name]?.length) problems.push(`${entity.schema}.${name}: required, missing`);
      for (const name of ['owner', 'asset', 'addressEntity'])
        for (const ref of entity.properties[name] ?? [])
          if (!ids.has(ref)) problems.push(`${entity.schema}.${name}: dangling ${ref}`);
    }
    expect(problems).toEqual([]);
    expect(entities.map((e) => e.schema).sort()).toEqual([
      'Address',
      'BankAccount',
      'Ownership',
      'Person',
      'UserAccount',
    ]);
    const person = entities.find((e) => e.schema === 'Person')!;
    expect(person.properties).toMatchObject({
      nationality: ['ph'],
      email: [REFERRED_EMAIL],
      birthDate: ['1980-02-03'],
    });
  });
});
