import { z } from 'zod';

/**
 * The evidence register holds what an item is, its hashes and where it lives in the agency's
 * forensic store; never the item itself (no media is ever uploaded to Bantay).
 */
export const EVIDENCE_KINDS = [
  'device',
  'storage_media',
  'forensic_image',
  'account_export',
  'document',
  'financial_record',
  'other',
] as const;

const hex = (length: number, name: string) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .regex(new RegExp(`^[0-9a-f]{${length}}$`), `${name} is ${length} hexadecimal characters.`);
const Optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' || value === null ? undefined : value), schema.optional());
const Text = (max: number) => z.string().trim().min(1, 'Required.').max(max, `At most ${max} characters.`);

export const EvidenceItemInput = z.object({
  kind: z.enum(EVIDENCE_KINDS),
  description: Text(1000),
  sha256: hex(64, 'A SHA-256'),
  md5: Optional(hex(32, 'An MD5')),
  sha1: Optional(hex(40, 'A SHA-1')),
  /** Other digests by algorithm name, e.g. {"sha512": "…"}. */
  otherHashes: z
    .record(z.string().regex(/^[a-z0-9-]{2,20}$/), z.string().regex(/^[0-9a-fA-F]{16,256}$/))
    .default({}),
  /** Who acquired it (name and badge), as the acquisition record says. */
  acquiredBy: Text(200),
  acquiredAt: z.iso.datetime({ offset: true, message: 'Use an ISO 8601 time.' }),
  acquiredWhere: Text(500),
  /** The legal basis: a warrant of this case, consent, plain view… */
  legalBasis: Text(500),
  /** The warrant of this case it was acquired under, if any. */
  legalRequestId: Optional(z.uuid()),
  /** Where it is kept in the forensic store (locker, shelf, server path). */
  storageLocation: Text(500),
});
export type EvidenceItemInput = z.input<typeof EvidenceItemInput>;

export const CustodyTransferInput = z.object({
  /** Who receives the item. */
  toUserId: z.uuid({ message: 'Choose who receives it.' }),
  purpose: Text(500),
  /** The receiver types his own password to confirm he has the item in hand. */
  receiverPassword: z.string().min(1, 'The receiver confirms with his password.').max(128),
});
export type CustodyTransferInput = z.infer<typeof CustodyTransferInput>;

export const CustodyTransfer = z.object({
  id: z.string(),
  from: z.string(),
  to: z.string(),
  purpose: z.string(),
  at: z.string(),
  hash: z.string(),
});

export const EvidenceItem = z.object({
  id: z.string(),
  number: z.string(),
  kind: z.enum(EVIDENCE_KINDS),
  description: z.string(),
  sha256: z.string(),
  md5: z.string().nullable(),
  sha1: z.string().nullable(),
  otherHashes: z.record(z.string(), z.string()),
  acquiredBy: z.string(),
  acquiredAt: z.string(),
  acquiredWhere: z.string(),
  legalBasis: z.string(),
  legalRequestId: z.string().nullable(),
  storageLocation: z.string(),
  registeredBy: z.string(),
  registeredAt: z.string(),
  custodian: z.object({ id: z.string(), name: z.string() }),
  hash: z.string(),
  transfers: z.array(CustodyTransfer),
});
export type EvidenceItem = z.infer<typeof EvidenceItem>;

export const EvidenceVerifyResult = z.union([
  z.object({ ok: z.literal(true), items: z.number().int(), transfers: z.number().int() }),
  z.object({
    ok: z.literal(false),
    items: z.number().int(),
    transfers: z.number().int(),
    table: z.enum(['evidence_item', 'custody_transfer']),
    badId: z.string(),
    reason: z.string(),
  }),
]);
export type EvidenceVerifyResult = z.infer<typeof EvidenceVerifyResult>;
