import { sql } from 'kysely';
import { z } from 'zod';
import type { ApiApp } from '../platform/http/api-app';

const Health = z.object({
  status: z.enum(['ok', 'unavailable']),
  database: z.enum(['embedded', 'postgres']),
});

export async function healthRoutes(app: ApiApp): Promise<void> {
  app.get('/api/health', {
    config: { access: 'public' },
    schema: {
      tags: ['system'],
      summary: 'Liveness and database reachability.',
      response: { 200: Health, 503: Health },
    },
    handler: async (_request, reply) => {
      const database = app.deps.databaseKind;
      try {
        await sql`SELECT 1`.execute(app.deps.db);
        return { status: 'ok' as const, database };
      } catch {
        return reply.code(503).send({ status: 'unavailable' as const, database });
      }
    },
  });
}
