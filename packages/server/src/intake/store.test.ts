import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServer, type TestServer } from '../../test/helpers';
import { LATEST_REPORT_AFTER } from './store';

type PlanNode = {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows': number;
  Plans?: PlanNode[];
};

function planNodes(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(planNodes)];
}

let server: TestServer;
beforeAll(async () => {
  server = await testServer();
});
afterAll(async () => server.close());

describe('storing a batch', () => {
  it('asks whether a later report is stored by reading one index entry, not the report table', async () => {
    const client = await server.deps.pool.connect();
    try {
      await client.query('BEGIN');
      // Thousands of reports, and no statistics taken since: as in the middle of a bulk import.
      await client.query(
        `INSERT INTO report (id, source, external_id, format, source_kind, received_at, incident_type, cluster_id)
         SELECT 900000000 + n, 'plan-test', n::text, 'referral-json', 'hotline', now() - n * interval '1 second', 'other', 1
           FROM generate_series(1, 20000) AS n`,
      );
      const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) ${LATEST_REPORT_AFTER}`,
        [new Date(), '900000001'],
      );
      const scans = planNodes(rows[0]!['QUERY PLAN'][0].Plan).filter(
        (node) => node['Relation Name'] === 'report',
      );
      expect(scans).toHaveLength(1);
      expect(scans[0]!['Node Type']).toMatch(/^Index (Only )?Scan$/);
      expect([scans[0]!['Index Name'], scans[0]!['Actual Rows']]).toEqual(['report_received_id_idx', 1]);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});
