import { sql } from 'kysely';
import { createKysely } from '../packages/server/src/platform/db/index';
import { recordAudit } from '../packages/server/src/audit/record';
import { verifyAuditChain } from '../packages/server/src/audit/verify';
import { benchPlatform } from './support/database';
import type { Benchmark } from './support/report';

const EVENTS = 20_000;
const WRITERS = 8;

/**
 * Audit appends: each in its own transaction, 8 concurrent writers, through the chaining
 * trigger (lock, previous hash, SHA-256). Baseline: the same rows into a plain table of
 * the same shape with no trigger, same concurrency.
 */
export const benchmark: Benchmark = {
  name: 'audit',
  description: 'hash-chained audit appends per second vs plain inserts',
  async run() {
    const platform = await benchPlatform();
    const { db } = platform.deps;
    try {
      const owner = createKysely(platform.database.adminUrl, 1);
      await sql`CREATE TABLE bench_plain_event (LIKE audit_event INCLUDING DEFAULTS)`.execute(owner);
      await sql`ALTER TABLE bench_plain_event ALTER COLUMN id SET DEFAULT nextval('audit_event_id_seq')`.execute(
        owner,
      );
      await sql`ALTER TABLE bench_plain_event ALTER COLUMN prev_hash DROP NOT NULL, ALTER COLUMN hash DROP NOT NULL`.execute(
        owner,
      );
      await sql`GRANT INSERT ON bench_plain_event TO bantay_app`.execute(owner);
      await owner.destroy();
      const context = (i: number) => ({
        actorId: null,
        actorEmail: `user${i % 50}@example.test`,
        organisationId: null,
        ip: '10.0.0.1',
        now: new Date(),
      });

      const timeWriters = async (write: (i: number) => Promise<unknown>) => {
        const started = performance.now();
        await Promise.all(
          Array.from({ length: WRITERS }, async (_, w) => {
            for (let i = w; i < EVENTS; i += WRITERS) await write(i);
          }),
        );
        return EVENTS / ((performance.now() - started) / 1000);
      };

      const baseline = await timeWriters((i) =>
        db
          .insertInto('bench_plain_event' as 'audit_event')
          .values({
            at: new Date(),
            actor_email: `user${i % 50}@example.test`,
            ip: '10.0.0.1',
            action: 'user.read',
            outcome: 'success',
            record_type: 'user',
            record_id: String(i),
            details: '{}',
          })
          .execute(),
      );
      const chained = await timeWriters((i) =>
        recordAudit(db, context(i), { action: 'user.read', recordType: 'user', recordId: String(i) }),
      );

      const verifyStarted = performance.now();
      const verified = await verifyAuditChain(db);
      const verifySeconds = (performance.now() - verifyStarted) / 1000;
      return {
        name: 'audit',
        value: chained,
        baseline,
        unit: 'events/s',
        notes: [
          `${EVENTS} events, ${WRITERS} writers; chain verify: ${verified.rows} rows in ${verifySeconds.toFixed(2)} s (${verified.ok ? 'ok' : 'BROKEN'})`,
        ],
      };
    } finally {
      await platform.dispose();
    }
  },
};
