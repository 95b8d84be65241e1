import { z } from 'zod';
import { INDICATORS } from './indicators';

export const FINANCE_FORMATS = ['goaml', 'remittance_csv'] as const;
export type FinanceFormat = (typeof FINANCE_FORMATS)[number];

export const FinanceImportSummary = z.object({
  id: z.string(),
  fileName: z.string(),
  stored: z.number().int(),
  duplicates: z.number().int(),
  quarantined: z.number().int(),
  /** The first problems, each naming the element at fault. */
  problems: z.array(z.object({ location: z.string(), message: z.string() })),
});
export type FinanceImportSummary = z.infer<typeof FinanceImportSummary>;

export const IndicatorFlagView = z.object({
  indicator: z.enum(INDICATORS),
  facts: z.record(z.string(), z.union([z.string(), z.number()])),
});

export const RecipientSummary = z.object({
  key: z.string(),
  name: z.string().nullable(),
  account: z.string().nullable(),
  institution: z.string().nullable(),
  transactions: z.number().int(),
  total: z.number(),
  currency: z.string(),
  senders: z.number().int(),
  countries: z.array(z.string()),
  flags: z.array(IndicatorFlagView),
});
export type RecipientSummary = z.infer<typeof RecipientSummary>;

export const RecipientDetail = RecipientSummary.extend({
  senderList: z.array(
    z.object({
      key: z.string(),
      name: z.string().nullable(),
      country: z.string().nullable(),
      transactions: z.number().int(),
      total: z.number(),
    }),
  ),
  /** Total received per month, for the chart. */
  months: z.array(z.object({ month: z.string(), total: z.number(), count: z.number().int() })),
});
export type RecipientDetail = z.infer<typeof RecipientDetail>;
