import { z } from 'zod';

/** Where a refused document stands: waiting to be fixed, re-run into a report, or closed. */
export const QUARANTINE_STATUSES = ['open', 'resolved', 'discarded'] as const;
export type QuarantineStatus = (typeof QUARANTINE_STATUSES)[number];

/** A refused document with its reason and place (element path or line), as the API shows it. */
export const QuarantineItem = z.object({
  id: z.uuid(),
  format: z.string(),
  source: z.string(),
  externalId: z.string().nullable(),
  code: z.string(),
  message: z.string(),
  path: z.string().nullable(),
  line: z.number().int().nullable(),
  status: z.enum(QUARANTINE_STATUSES),
  createdAt: z.string(),
  resolvedReportId: z.string().nullable(),
});
export type QuarantineItem = z.infer<typeof QuarantineItem>;

/** The item with its (decrypted) content, read one at a time and audited. */
export const QuarantineDocument = QuarantineItem.extend({ content: z.string() });
export type QuarantineDocument = z.infer<typeof QuarantineDocument>;
