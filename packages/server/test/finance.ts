import type { FinanceImportSummary } from '@bantay/core/finance/schema';
import type { ApiClient, TestServer } from './helpers';

export type FinanceUpload = {
  status: number;
  body: FinanceImportSummary & { error?: { field?: string; message?: string } };
};

/** Streams a file to a case's finance import as the browser does (octet-stream, query names it). */
export async function uploadFinance(
  server: TestServer,
  client: ApiClient,
  caseId: string,
  body: string | Uint8Array,
  query: Record<string, string>,
): Promise<FinanceUpload> {
  const response = await fetch(
    `${server.baseUrl}/api/cases/${caseId}/finance/imports?${new URLSearchParams(query).toString()}`,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/octet-stream',
        'x-bantay-request': '1',
        cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    },
  );
  return { status: response.status, body: (await response.json()) as FinanceUpload['body'] };
}
