import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServer, type TestServer } from '../../test/helpers';
import { clustersByReference, importReferrals, referral } from '../../test/intake';
import { DEFAULT_PRIORITY_WEIGHTS, type PriorityReason } from '@bantay/core/triage/priority';
import { parseReports } from '@bantay/core/intake/parsers/index';
import type { ReferralInput } from '@bantay/core/intake/parsers/referral-schema';
import { systemContext } from '../audit/record';
import { inChunks, runImport } from './pipeline';
import { rescoreWhere } from './rescore';
import { intakeServices } from './services';

let server: TestServer;
beforeAll(async () => {
  server = await testServer();
});
afterAll(async () => server.close());

const reported = (
  identifiers: { kind: string; value: string; platform?: string; observedAt?: string; port?: number }[],
) => [{ role: 'reported' as const, identifiers: identifiers as never }];

async function clusterSizesConsistent(): Promise<void> {
  const rows = await server.deps.db
    .selectFrom('report_cluster as c')
    .select([
      'c.id',
      'c.report_count',
      (eb) =>
        eb
          .selectFrom('report as r')
          .whereRef('r.cluster_id', '=', 'c.id')
          .select((e) => e.fn.countAll<string>().as('n'))
          .as('actual'),
    ])
    .execute();
  for (const row of rows) expect(Number(row.actual), `cluster ${row.id}`).toBe(row.report_count);
}

/**
 * Every open report's score, and the points of its reasons, are what a full rescore gives: a
 * full rescore that compares every report's reasons changes none.
 */
async function scoresAsFullRescore(): Promise<void> {
  const { weights } = await (await intakeServices(server.deps)).settings();
  const client = await server.deps.pool.connect();
  try {
    const changed = await rescoreWhere(
      client,
      { allOpen: true },
      { weights, now: server.deps.clock(), reasons: true },
    );
    expect(changed).toBe(0);
  } finally {
    client.release();
  }
}

/** Escalated, an infant live-streamed, new content and a Philippine phone: 110 points, held at 100. */
const CAPPED: Partial<ReferralInput> = {
  urgent: { reason: 'Live abuse announced for tonight.' },
  files: [
    {
      annotations: ['infant', 'liveStreaming'],
      hashes: [{ type: 'md5', value: '0123456789abcdef0123456789abcdef' }],
    },
  ],
};

/** Identifiers in more reports than `n` become hubs (the triage settings; removed after each test). */
async function setHubThreshold(n: number): Promise<void> {
  await server.deps.db
    .insertInto('triage_setting')
    .values({
      id: 1,
      weights: JSON.stringify({}),
      hub_threshold: n,
      ip_window_hours: 24,
      p1_review_minutes: 60,
      updated_at: new Date(),
      updated_by: null,
    })
    .onConflict((oc) => oc.column('id').doUpdateSet({ hub_threshold: n }))
    .execute();
}

describe('linking', () => {
  it('links reports that share an e-mail (provider-aware), a phone in any form, or a username on the same platform', async () => {
    const a = referral({ subjects: reported([{ kind: 'email', value: 'Juan.Prueba+x@gmail.com' }]) });
    const b = referral({
      subjects: reported([
        { kind: 'email', value: 'juanprueba@gmail.com' },
        { kind: 'phone', value: '0917 555 0101' },
      ]),
    });
    const c = referral({ subjects: reported([{ kind: 'phone', value: '+63 917 555 0101' }]) });
    const d = referral({
      subjects: reported([{ kind: 'username', value: '@kuya.prueba', platform: 'Facebook' }]),
    });
    const e = referral({
      subjects: reported([{ kind: 'username', value: 'kuya.prueba', platform: 'instagram' }]),
    });
    await importReferrals(server.deps, [a, b, c, d, e]);
    const clusters = await clustersByReference(server.deps, [
      a.reference,
      b.reference,
      c.reference,
      d.reference,
      e.reference,
    ]);
    expect(clusters.get(a.reference)).toBe(clusters.get(b.reference));
    expect(clusters.get(b.reference)).toBe(clusters.get(c.reference));
    expect(clusters.get(d.reference)).not.toBe(clusters.get(e.reference));
    await clusterSizesConsistent();
  });

  it('links by IP only within the time window, and never through carrier-grade NAT or a proxy', async () => {
    const at = (iso: string) => ({ kind: 'ip', value: '112.198.40.7', observedAt: iso });
    const first = referral({ subjects: reported([at('2026-11-01T10:00:00Z')]) });
    const sameDay = referral({ subjects: reported([at('2026-11-01T20:00:00Z')]) });
    const weekLater = referral({ subjects: reported([at('2026-11-08T10:00:00Z')]) });
    const cgnatA = referral({
      subjects: reported([
        { kind: 'ip', value: '100.64.3.9', observedAt: '2026-11-01T10:00:00Z', port: 4000 },
      ]),
    });
    const cgnatB = referral({
      subjects: reported([
        { kind: 'ip', value: '100.64.3.9', observedAt: '2026-11-01T10:05:00Z', port: 5000 },
      ]),
    });
    await importReferrals(server.deps, [first, sameDay, weekLater, cgnatA, cgnatB]);
    const clusters = await clustersByReference(
      server.deps,
      [first, sameDay, weekLater, cgnatA, cgnatB].map((r) => r.reference),
    );
    expect(clusters.get(first.reference)).toBe(clusters.get(sameDay.reference));
    expect(clusters.get(weekLater.reference)).not.toBe(clusters.get(first.reference));
    expect(clusters.get(cgnatA.reference)).not.toBe(clusters.get(cgnatB.reference));
  });

  it('never links through a placeholder e-mail or a shared file hash', async () => {
    const file = { hashes: [{ type: 'md5' as const, value: 'a'.repeat(32) }] };
    const x = referral({
      subjects: reported([{ kind: 'email', value: 'noemail@gmail.com' }]),
      files: [file],
    });
    const y = referral({
      subjects: reported([{ kind: 'email', value: 'noemail@gmail.com' }]),
      files: [file],
    });
    await importReferrals(server.deps, [x, y]);
    const clusters = await clustersByReference(server.deps, [x.reference, y.reference]);
    expect(clusters.get(x.reference)).not.toBe(clusters.get(y.reference));
  });

  it('merges clusters a new report bridges, across imports, keeping sizes right', async () => {
    const left = referral({ subjects: reported([{ kind: 'email', value: 'left.side@example.test' }]) });
    const right = referral({ subjects: reported([{ kind: 'email', value: 'right.side@example.test' }]) });
    await importReferrals(server.deps, [left, right]);
    const bridge = referral({
      subjects: reported([
        { kind: 'email', value: 'left.side@example.test' },
        { kind: 'email', value: 'right.side@example.test' },
      ]),
    });
    await importReferrals(server.deps, [bridge]);
    const clusters = await clustersByReference(server.deps, [
      left.reference,
      right.reference,
      bridge.reference,
    ]);
    expect(new Set(clusters.values()).size).toBe(1);
    await clusterSizesConsistent();
  });

  it('as a cluster grows import by import, every score is what a full rescore would give', async () => {
    const phone = { kind: 'phone', value: '0917 555 4001' };
    // One report at a time, through every size and prior-report step (1, 2, 3, 5, 10) and past them.
    // The first is held at 100 by the cap: its score cannot change, but its reasons' points must.
    const grown: ReturnType<typeof referral>[] = [];
    for (let n = 0; n < 12; n += 1) {
      const one = referral({ subjects: reported([phone]), ...(n === 0 ? CAPPED : {}) });
      grown.push(one);
      await importReferrals(server.deps, [one]);
      server.clock.advance(1000);
    }
    const clusters = await clustersByReference(
      server.deps,
      grown.map((r) => r.reference),
    );
    expect(new Set(clusters.values()).size).toBe(1);
    const first = await server.deps.db
      .selectFrom('report')
      .select(['priority_score', 'priority_reasons'])
      .where('external_id', '=', grown[0]!.reference)
      .executeTakeFirstOrThrow();
    expect(first.priority_score).toBe(100);
    const reasons = first.priority_reasons as PriorityReason[];
    const points = (factor: string) => reasons.find((r) => r.factor === factor)?.points;
    // 12 reports: two of the three size steps (2, 5, 20) passed since it was stored alone.
    expect(points('cluster_size')).toBe(Math.round((DEFAULT_PRIORITY_WEIGHTS.cluster_size * 2) / 3));
    await scoresAsFullRescore();
    await clusterSizesConsistent();
  });

  it('counts prior reports right when an import received earlier commits after a later one', async () => {
    const phone = { kind: 'phone', value: '0917 555 4101' };
    const services = await intakeServices(server.deps);
    // The first import receives its report, then is held (a slow file) while the second runs.
    let pulled!: () => void;
    const received = new Promise<void>((resolve) => (pulled = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const early = referral({ subjects: reported([phone]) });
    async function* slowFile(): AsyncGenerator<string> {
      pulled();
      yield JSON.stringify(early);
      await held;
    }
    const first = runImport(
      server.deps,
      services,
      inChunks(parseReports('referral-json', slowFile(), {})),
      { channel: 'cli', format: 'referral-json', source: 'test' },
      systemContext(server.deps.clock(), 'test'),
    );
    await received;
    server.clock.advance(60_000);
    // Three later reports of the same person are stored first: prior counts 0, 1 and 2.
    const later = [1, 2, 3].map(() => referral({ subjects: reported([phone]) }));
    await importReferrals(server.deps, later);
    release();
    expect((await first).stored).toBe(1);

    // Received first, the early report comes first: the last of the later ones has 3 before it
    // (a prior-report step) in a cluster of 4 (no size step).
    const clusters = await clustersByReference(
      server.deps,
      [early, ...later].map((r) => r.reference),
    );
    expect(new Set(clusters.values()).size).toBe(1);
    await scoresAsFullRescore();
    await clusterSizesConsistent();
  });

  it('after a merge into a large cluster, every score is what a full rescore would give', async () => {
    const phone = (n: number) => ({ kind: 'phone', value: `0917 555 ${String(2000 + n)}` });
    // Four early reports, then 25 later ones of another person: a cluster of 25 at full points.
    const early = [1, 2, 3, 4].map(() => referral({ subjects: reported([phone(1)]) }));
    await importReferrals(server.deps, early);
    server.clock.advance(1000);
    const late = Array.from({ length: 25 }, () => referral({ subjects: reported([phone(2)]) }));
    await importReferrals(server.deps, late);
    server.clock.advance(1000);
    // The bridge merges the early four into the large cluster, ahead of its own first reports.
    await importReferrals(server.deps, [referral({ subjects: reported([phone(1), phone(2)]) })]);
    const clusters = await clustersByReference(
      server.deps,
      [...early, ...late].map((r) => r.reference),
    );
    expect(new Set(clusters.values()).size).toBe(1);

    await scoresAsFullRescore();
    await clusterSizesConsistent();
  });

  it('marks an identifier seen in more reports than the threshold as a hub, and splits the clusters it alone joined', async () => {
    await setHubThreshold(3);
    const device = { kind: 'device_id', value: '35-209900-176148-1', platform: 'IMEI' };
    const shared = [1, 2, 3].map((n) =>
      referral({ subjects: reported([device, { kind: 'email', value: `cafe.user${n}@example.test` }]) }),
    );
    await importReferrals(server.deps, shared);
    const before = await clustersByReference(
      server.deps,
      shared.map((r) => r.reference),
    );
    expect(new Set(before.values()).size).toBe(1);

    const fourth = referral({ subjects: reported([device]) });
    await importReferrals(server.deps, [fourth]);
    const hub = await server.deps.db
      .selectFrom('identifier')
      .select(['is_hub', 'hub_reason'])
      .where('kind', '=', 'device_id')
      .executeTakeFirstOrThrow();
    expect(hub).toEqual({ is_hub: true, hub_reason: 'common' });
    const after = await clustersByReference(
      server.deps,
      [...shared, fourth].map((r) => r.reference),
    );
    expect(new Set(after.values()).size).toBe(4);
    await clusterSizesConsistent();
    await server.deps.db.deleteFrom('triage_setting').execute();
  });

  it('after a hub splits a large cluster, every score is what a full rescore would give', async () => {
    const device = { kind: 'device_id', value: 'shared-tablet-9', platform: 'android' };
    const phone = { kind: 'phone', value: '0917 555 3001' };
    // Two reports of other people on the tablet first, then 22 of one person (2 on the tablet):
    // one cluster of 24, whose person's reports lose two reports before them when it splits.
    const others = [1, 2].map((n) =>
      referral({ subjects: reported([device, { kind: 'email', value: `tablet.user${n}@example.test` }]) }),
    );
    const person = Array.from({ length: 22 }, (_, n) =>
      referral({ subjects: reported(n < 2 ? [phone, device] : [phone]) }),
    );
    await importReferrals(server.deps, [...others, ...person]);
    const references = [...others, ...person].map((r) => r.reference);
    const before = await clustersByReference(server.deps, references);
    expect(new Set(before.values()).size).toBe(1);

    // The tablet turns out to be a hub (as a batch marks one); the next import settles the split.
    const hub = await server.deps.db
      .updateTable('identifier')
      .set({ is_hub: true, hub_reason: 'shared' })
      .where('kind', '=', 'device_id')
      .where('value', '=', device.value)
      .returning('id')
      .executeTakeFirstOrThrow();
    await server.deps.pool.query('INSERT INTO intake_hub_split (identifier_id) VALUES ($1)', [hub.id]);
    server.clock.advance(1000);
    await importReferrals(server.deps, [
      referral({ subjects: reported([{ kind: 'email', value: 'someone.else@example.test' }]) }),
    ]);
    const after = await clustersByReference(server.deps, references);
    expect(new Set(after.values()).size).toBe(3);
    // The person's 22 keep the cluster, at full points for its size: only its first reports were rescored.
    expect(after.get(person[0]!.reference)).toBe(before.get(person[0]!.reference));

    await scoresAsFullRescore();
    await clusterSizesConsistent();
  });

  it('counts an identifier across imports, and one met in more reports than the threshold in its first batch is a hub at once', async () => {
    await setHubThreshold(3);
    const kiosk = { kind: 'device_id', value: 'kiosk-terminal-42', platform: 'android' };
    const person = { kind: 'email', value: 'counted.person@example.test' };
    const first = [
      ...Array.from({ length: 5 }, () => referral({ subjects: reported([kiosk]) })),
      ...Array.from({ length: 2 }, () => referral({ subjects: reported([person]) })),
    ];
    await importReferrals(server.deps, first);
    const second = [referral({ subjects: reported([kiosk]) }), referral({ subjects: reported([person]) })];
    await importReferrals(server.deps, second);
    const stored = await server.deps.db
      .selectFrom('identifier')
      .select(['value', 'report_count', 'is_hub', 'hub_reason'])
      .where('value', 'in', [kiosk.value, person.value])
      .orderBy('value')
      .execute();
    expect(stored).toEqual([
      { value: person.value, report_count: 3, is_hub: false, hub_reason: null },
      { value: kiosk.value, report_count: 6, is_hub: true, hub_reason: 'common' },
    ]);
    const kioskClusters = await clustersByReference(server.deps, [
      ...first.slice(0, 5).map((r) => r.reference),
      second[0]!.reference,
    ]);
    expect(new Set(kioskClusters.values()).size).toBe(6);
    const personClusters = await clustersByReference(server.deps, [
      ...first.slice(5).map((r) => r.reference),
      second[1]!.reference,
    ]);
    expect(new Set(personClusters.values()).size).toBe(1);
    await clusterSizesConsistent();
    await server.deps.db.deleteFrom('triage_setting').execute();
  });

  it("marks an identifier beside many different people as a shared hub, and one person's own device as no hub", async () => {
    const cafe = { kind: 'device_id', value: 'cafe-terminal-7', platform: 'android' };
    const own = { kind: 'device_id', value: 'own-phone-1', platform: 'android' };
    // 17 reports: the café's terminal beside 34 different e-mails (more than the fan-out of 20).
    const strangers = Array.from({ length: 17 }, (_, n) =>
      referral({
        subjects: reported([
          cafe,
          { kind: 'email', value: `visitor${n}a@example.test` },
          { kind: 'email', value: `visitor${n}b@example.test` },
        ]),
      }),
    );
    // 17 reports of one person: always the same e-mail beside the device.
    const person = Array.from({ length: 17 }, () =>
      referral({ subjects: reported([own, { kind: 'email', value: 'same.person@example.test' }]) }),
    );
    await importReferrals(server.deps, [...strangers, ...person]);
    const hubs = await server.deps.db
      .selectFrom('identifier')
      .select(['value', 'is_hub', 'hub_reason'])
      .where('kind', '=', 'device_id')
      .where('value', 'in', ['cafe-terminal-7', 'own-phone-1'])
      .orderBy('value')
      .execute();
    expect(hubs).toEqual([
      { value: 'cafe-terminal-7', is_hub: true, hub_reason: 'shared' },
      { value: 'own-phone-1', is_hub: false, hub_reason: null },
    ]);
    const clusters = await clustersByReference(
      server.deps,
      strangers.map((r) => r.reference),
    );
    expect(new Set(clusters.values()).size).toBe(17);
    const theirs = await clustersByReference(
      server.deps,
      person.map((r) => r.reference),
    );
    expect(new Set(theirs.values()).size).toBe(1);
    await clusterSizesConsistent();
  });

  it('splits the clusters a killed import left held together by a new hub, by the next import', async () => {
    const device = { kind: 'device_id', value: 'kiosk-left-behind', platform: 'android' };
    const glued = [1, 2, 3].map((n) =>
      referral({ subjects: reported([device, { kind: 'email', value: `kiosk.user${n}@example.test` }]) }),
    );
    await importReferrals(server.deps, glued);
    // What a batch leaves when the import is killed before its end: the hub marked, the split noted.
    const hub = await server.deps.db
      .updateTable('identifier')
      .set({ is_hub: true, hub_reason: 'shared' })
      .where('kind', '=', 'device_id')
      .where('value', '=', 'kiosk-left-behind')
      .returning('id')
      .executeTakeFirstOrThrow();
    await server.deps.pool.query('INSERT INTO intake_hub_split (identifier_id) VALUES ($1)', [hub.id]);
    const before = await clustersByReference(
      server.deps,
      glued.map((r) => r.reference),
    );
    expect(new Set(before.values()).size).toBe(1);

    await importReferrals(server.deps, [
      referral({ subjects: reported([{ kind: 'email', value: 'unrelated@example.test' }]) }),
    ]);
    const after = await clustersByReference(
      server.deps,
      glued.map((r) => r.reference),
    );
    expect(new Set(after.values()).size).toBe(3);
    const left = await server.deps.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM intake_hub_split',
    );
    expect(left.rows[0]!.n).toBe(0);
    await clusterSizesConsistent();
  });
});
