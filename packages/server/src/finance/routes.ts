import path from 'node:path';
import { FinanceImportSummary, RecipientDetail, RecipientSummary } from '@bantay/core/finance/schema';
import { z } from 'zod';
import { contextOf } from '../access/request';
import type { ApiApp } from '../platform/http/api-app';
import { AppError } from '../platform/http/errors';
import { importGoaml } from './import';
import { listRecipients, recipientDetail } from './recipients';

const tags = ['finance'];
const CaseParams = z.object({ id: z.uuid({ message: 'Not a case id.' }) });
const UPLOAD_LIMIT = 512 * 1024 * 1024;

/** The financial trail of a case: goAML imports, recipients with indicator flags and their reasons. */
export async function financeRoutes(app: ApiApp): Promise<void> {
  app.post('/api/cases/:id/finance/imports', {
    config: { access: 'finance:write' },
    bodyLimit: UPLOAD_LIMIT,
    schema: {
      tags,
      summary:
        'Import a goAML 5.x XML file into the case, streamed (application/octet-stream); ?filename= names it.',
      params: CaseParams,
      querystring: z.object({ filename: z.string().trim().min(1).max(255) }),
      response: { 200: FinanceImportSummary },
    },
    handler: async (request) => {
      const name = path.basename(request.query.filename);
      if (!name.toLowerCase().endsWith('.xml'))
        throw new AppError('unsupported_media_type', `${name}: send a goAML .xml file.`, 'filename');
      return importGoaml(contextOf(request), request.params.id, name, request.raw);
    },
  });

  app.get('/api/cases/:id/finance/recipients', {
    config: { access: 'finance:write' },
    schema: {
      tags,
      summary: 'Recipients of the case’s transactions, most flagged first, each flag with its reason.',
      params: CaseParams,
      response: { 200: z.object({ recipients: z.array(RecipientSummary) }) },
    },
    handler: async (request) => ({ recipients: await listRecipients(contextOf(request), request.params.id) }),
  });

  app.get('/api/cases/:id/finance/recipient', {
    config: { access: 'finance:write' },
    schema: {
      tags,
      summary: 'One recipient: total received, senders, countries, money by month, flags.',
      params: CaseParams,
      querystring: z.object({ key: z.string().min(1).max(600) }),
      response: { 200: RecipientDetail },
    },
    handler: async (request) => recipientDetail(contextOf(request), request.params.id, request.query.key),
  });
}
