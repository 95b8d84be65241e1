import type { RescueIntake } from '@bantay/core/aftercare/rescue-intake';
import type { SurvivorDetail } from '@bantay/core/aftercare/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rescueOperation } from '../../test/cases';
import { auditCount, signedIn, testServer, type ApiClient, type TestServer } from '../../test/helpers';

let server: TestServer;
let socialWorker: ApiClient;
let victimCodes: string[];

beforeAll(async () => {
  server = await testServer();
  ({ victimCodes } = await rescueOperation(server, 'DSWD-R7', [
    { ageBand: '5-8', sex: 'female', relationship: 'parent' },
    { ageBand: '9-12', sex: 'unknown', relationship: 'parent' },
  ]));
  socialWorker = (await signedIn(server, 'social_worker', { organisation: 'DSWD-R7' })).client;
});
afterAll(async () => server.close());

const intakes = async (client: ApiClient) =>
  (await client.get<{ intakes: RescueIntake[] }>('/api/aftercare/rescue-intakes')).body.intakes;

describe('rescued children referred to aftercare', () => {
  it('wait for the social worker’s organisation by pseudonym, with the age band where it maps', async () => {
    const waiting = await intakes(socialWorker);
    expect(waiting.map((i) => [i.victimCode, i.status, i.suggestedAgeBand]).sort()).toEqual(
      [
        [victimCodes[0], 'pending', '5_11'],
        [victimCodes[1], 'pending', null],
      ].sort(),
    );
    // Nothing of the child beyond the case's pseudonymised facts.
    expect(Object.keys(waiting[0]!).sort()).toEqual(
      [
        'caseAgeBand',
        'caseNumber',
        'caseSex',
        'id',
        'operationName',
        'relationship',
        'rescuedAt',
        'socialWorkerName',
        'status',
        'suggestedAgeBand',
        'survivorId',
        'unitName',
        'victimCode',
      ].sort(),
    );
  });

  it('are taken in once, as a survivor record under the same code, held by her organisation', async () => {
    const [first] = (await intakes(socialWorker)).filter((i) => i.victimCode === victimCodes[0]);
    const taken = await socialWorker.post<{ survivorId: string; code: string }>(
      `/api/aftercare/rescue-intakes/${first!.id}/take-in`,
      { ageBand: '5_11', sex: 'female', riskLevel: 'high', safetyPlan: 'No contact with the mother.' },
    );
    expect(taken.status).toBe(201);
    expect(taken.body.code).toBe(victimCodes[0]);
    const survivor = await socialWorker.get<SurvivorDetail>(
      `/api/aftercare/survivors/${taken.body.survivorId}`,
    );
    expect(survivor.status).toBe(200);
    expect(survivor.body).toMatchObject({ code: victimCodes[0], ageBand: '5_11', riskLevel: 'high' });
    expect(await auditCount(server.deps, 'aftercare.rescue_intake', taken.body.survivorId)).toBe(1);

    const again = await socialWorker.post(`/api/aftercare/rescue-intakes/${first!.id}/take-in`, {
      ageBand: '5_11',
      sex: 'female',
      riskLevel: 'high',
    });
    expect(again.status).toBe(409);
    const after = (await intakes(socialWorker)).find((i) => i.id === first!.id);
    expect(after).toMatchObject({ status: 'taken_in', survivorId: taken.body.survivorId });
  });

  it('are not seen, nor taken in, by another organisation: 404', async () => {
    const other = (await signedIn(server, 'social_worker', { organisation: 'NGO-ELSEWHERE' })).client;
    expect(await intakes(other)).toEqual([]);
    const [pending] = (await intakes(socialWorker)).filter((i) => i.status === 'pending');
    const refused = await other.post(`/api/aftercare/rescue-intakes/${pending!.id}/take-in`, {
      ageBand: '12_14',
      sex: 'male',
      riskLevel: 'medium',
    });
    expect(refused.status).toBe(404);
    expect((await intakes(socialWorker)).find((i) => i.id === pending!.id)?.status).toBe('pending');
  });

  it('names the field when the confirmation is incomplete', async () => {
    const [pending] = (await intakes(socialWorker)).filter((i) => i.status === 'pending');
    const bad = await socialWorker.post(`/api/aftercare/rescue-intakes/${pending!.id}/take-in`, {
      ageBand: '9-12',
      sex: 'female',
      riskLevel: 'high',
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { field: 'ageBand' } });
  });
});
