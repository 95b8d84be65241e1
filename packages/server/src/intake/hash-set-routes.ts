import path from 'node:path';
import { z } from 'zod';
import { contextOf } from '../access/request';
import type { ApiApp } from '../platform/http/api-app';
import { AppError } from '../platform/http/errors';
import { hashSetFormatOf, importHashSet } from './hash-sets';
import { intakeServices } from './services';
import { UPLOAD_LIMIT, withUpload } from './upload';

const tags = ['intake'];

/** Known-content hash sets (VICS JSON or CSV), imported as a stream. */
export function hashSetRoutes(app: ApiApp): void {
  const { deps } = app;
  app.post('/api/intake/hash-sets', {
    config: { access: 'intake:write' },
    bodyLimit: UPLOAD_LIMIT,
    schema: {
      tags,
      summary:
        'Import a known-content hash set, streamed: VICS JSON (Project VIC) or CSV. ?name= names the set.',
      querystring: z.object({
        name: z.string().trim().min(1).max(120),
        filename: z.string().trim().min(1).max(255),
      }),
      response: {
        200: z.object({
          hashSetId: z.string(),
          imported: z.number().int(),
          rejected: z.number().int(),
          problems: z.array(z.object({ where: z.string(), message: z.string() })),
        }),
      },
    },
    handler: async (request) => {
      const ctx = contextOf(request);
      const name = path.basename(request.query.filename);
      const format = hashSetFormatOf(name);
      if (!format)
        throw new AppError(
          'unsupported_media_type',
          `${name}: send a .json (VICS) or .csv hash set.`,
          'filename',
        );
      return withUpload(deps, request.raw, name, async (file) => {
        try {
          const summary = await importHashSet(deps, file, {
            name: request.query.name,
            format,
            audit: ctx.audit,
          });
          await (await intakeServices(deps)).knownContent.load(deps.db);
          return {
            hashSetId: summary.hashSetId,
            imported: summary.imported,
            rejected: summary.rejected,
            problems: summary.problems,
          };
        } catch (error) {
          if (error instanceof Error && /already exists/.test(error.message))
            throw new AppError('conflict', error.message, 'name');
          throw error;
        }
      });
    },
  });

  app.get('/api/intake/hash-sets', {
    config: { access: 'intake:write' },
    schema: {
      tags,
      summary: 'Known-content hash sets.',
      response: {
        200: z.object({
          hashSets: z.array(
            z.object({
              id: z.string(),
              name: z.string(),
              source: z.string(),
              importedAt: z.string(),
              entries: z.number().int(),
            }),
          ),
        }),
      },
    },
    handler: async () => {
      const rows = await deps.db.selectFrom('hash_set').selectAll().orderBy('imported_at', 'desc').execute();
      return {
        hashSets: rows.map((r) => ({
          id: r.id,
          name: r.name,
          source: r.source,
          importedAt: r.imported_at.toISOString(),
          entries: r.entry_count,
        })),
      };
    },
  });
}
