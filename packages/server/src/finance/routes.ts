import path from 'node:path';
import {
  FINANCE_FORMATS,
  FinanceImportSummary,
  RecipientDetail,
  RecipientSummary,
} from '@bantay/core/finance/schema';
import { z } from 'zod';
import { contextOf } from '../access/request';
import type { ApiApp } from '../platform/http/api-app';
import { AppError } from '../platform/http/errors';
import { importGoaml, importRemittanceCsv } from './import';
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
        'Import a goAML 5.x XML file or a remittance company’s CSV export into the case, streamed (application/octet-stream). ?filename= names it; ?format= goaml or remittance_csv (else by the extension, .xml or .csv); ?source= names the remittance company of a CSV.',
      params: CaseParams,
      querystring: z.object({
        filename: z.string().trim().min(1).max(255),
        format: z.enum(FINANCE_FORMATS).optional(),
        source: z.string().trim().min(1).max(100).optional(),
      }),
      response: { 200: FinanceImportSummary },
    },
    handler: async (request) => {
      const { query } = request;
      const name = path.basename(query.filename);
      const extension = path.extname(name).toLowerCase();
      const format = query.format ?? (extension === '.csv' ? 'remittance_csv' : 'goaml');
      const expected = format === 'goaml' ? '.xml' : '.csv';
      if (extension !== expected)
        throw new AppError(
          'unsupported_media_type',
          format === 'goaml' ? `${name}: send a goAML .xml file.` : `${name}: send a remittance .csv file.`,
          'filename',
        );
      const ctx = contextOf(request);
      if (format === 'goaml') return importGoaml(ctx, request.params.id, name, request.raw);
      if (!query.source)
        throw new AppError('validation_failed', 'Name the remittance company the CSV comes from.', 'source');
      return importRemittanceCsv(ctx, request.params.id, name, query.source, request.raw);
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
