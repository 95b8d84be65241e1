import { z } from 'zod';
import {
  FILE_ANNOTATIONS,
  HASH_TYPES,
  IDENTIFIER_KINDS,
  INCIDENT_TYPE_KEYS,
  REPORT_ANNOTATIONS,
  type SourceKind,
} from '../report';
import { HASH_HEX_LENGTHS } from './values';

/**
 * A referral: how foreign police, hotlines and walk-in desks send a report to Bantay as JSON.
 * Send one object, an array of them, or JSON lines (one object per line). Unknown fields are ignored.
 */

/** Everyone but a platform, whose reports reach Bantay through NCMEC. */
export const REFERRAL_SENDER_KINDS = [
  'foreign_police',
  'hotline',
  'walk_in',
  'financial_intelligence',
  'other',
] as const satisfies readonly Exclude<SourceKind, 'platform'>[];

/** Subjects a referral can name; associated accounts go on the subject they belong to. */
export const REFERRAL_SUBJECT_ROLES = ['reported', 'victim', 'recipient'] as const;

const Text = (max: number) => z.string().trim().min(1, 'Required.').max(max);
const DateTime = z.iso.datetime({
  offset: true,
  message: 'Use an ISO 8601 date-time with Z or an offset (+08:00).',
});
const CountryCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'Use the two-letter ISO 3166-1 country code.');

export const ReferralIdentifier = z.object({
  /** What the value is: email, phone, ip, username, profile_url, esp_user_id, payment_account or device_id. */
  kind: z.enum(IDENTIFIER_KINDS),
  /** The value as the sender has it; Bantay normalises it. */
  value: Text(500),
  /** The service of a username, user id or profile, or the provider of a payment account (GCash, a bank). */
  platform: Text(200).optional(),
  /** When it was seen, for an IP capture or a device event. */
  observedAt: DateTime.optional(),
  /** Source port of an IP capture; needed to tell users apart behind carrier-grade NAT. */
  port: z.number().int().min(0).max(65_535).optional(),
});

export const ReferralLocation = z.object({
  /** Two-letter country code (PH). */
  countryCode: CountryCode,
  /** Region or province. */
  region: Text(200).optional(),
  /** City or municipality; not kept for a victim. */
  city: Text(200).optional(),
});

export const ReferralSubject = z.object({
  /** reported (suspect), victim, or recipient (intended recipient of the material). */
  role: z.enum(REFERRAL_SUBJECT_ROLES),
  /** Name of a reported person or recipient. A victim's name is never stored: it is dropped; tell the social worker instead. */
  name: Text(200).optional(),
  /** Age in years, known or estimated. */
  ageYears: z.number().int().min(0).max(150).optional(),
  /** The subject's accounts, numbers and addresses. */
  identifiers: z.array(ReferralIdentifier).max(500).default([]),
  /** Where the subject is; for a victim only country and region are kept. */
  location: ReferralLocation.optional(),
});

export const ReferralHash = z
  .object({
    /** md5, sha1, sha256 or pdq. */
    type: z.enum(HASH_TYPES),
    /** Hexadecimal digest: 32 digits for md5, 40 for sha1, 64 for sha256 and pdq. */
    value: z
      .string()
      .trim()
      .regex(/^[0-9a-fA-F]+$/, 'Use hexadecimal digits.'),
    /** PDQ quality from 0 to 100, when the hasher gave one. */
    quality: z.number().int().min(0).max(100).optional(),
  })
  .check((context) => {
    const { type, value } = context.value;
    if (value.length !== HASH_HEX_LENGTHS[type]) {
      context.issues.push({
        code: 'custom',
        input: value,
        path: ['value'],
        message: `A ${type} hash has ${HASH_HEX_LENGTHS[type]} hexadecimal digits.`,
      });
    }
  });

export const ReferralFile = z.object({
  /** The file's name as the sender received it. */
  originalFileName: Text(500).optional(),
  /** CyberTipline file annotations such as generativeAi or possibleSelfProduction. */
  annotations: z.array(z.enum(FILE_ANNOTATIONS)).default([]),
  /** At least one hash; Bantay never receives the file itself. */
  hashes: z.array(ReferralHash).min(1, 'Give at least one hash.').max(20),
});

export const ReferralInput = z.object({
  /** The sender's own id for this referral; with the sender's agency it identifies the referral. */
  reference: Text(200),
  /** Who sends the referral. */
  sender: z.object({
    /** The sending agency's code, as registered in Bantay (e.g. AU-ACCCE). */
    agency: Text(64),
    /** foreign_police, hotline, walk_in, financial_intelligence or other. */
    kind: z.enum(REFERRAL_SENDER_KINDS),
    /** Two-letter country code of the sender. */
    country: CountryCode,
    /** Who to contact about it: name, e-mail or phone of the case officer. */
    contact: Text(300).optional(),
  }),
  /** When the sender received or made the report. */
  receivedAt: DateTime,
  /** One of the eight CyberTipline incident types, by key (e.g. online_enticement). */
  incidentType: z.enum(INCIDENT_TYPE_KEYS),
  /** When the incident happened, if known. */
  incidentAt: DateTime.optional(),
  /** Present when the sender asks for high priority, with the reason. */
  urgent: z.object({ reason: Text(500) }).optional(),
  /** What happened, in a few sentences; the queue shows the first 2 000 characters. */
  summary: z.string().trim().max(100_000).optional(),
  /** The platform or service where it happened (e.g. Facebook, Viber). */
  platform: Text(200).optional(),
  /** CyberTipline report annotations such as sextortion. */
  annotations: z.array(z.enum(REPORT_ANNOTATIONS)).default([]),
  /** The persons the referral names. */
  subjects: z.array(ReferralSubject).max(200),
  /** Files as metadata and hashes only. */
  files: z.array(ReferralFile).max(1_000).default([]),
});
export type ReferralInput = z.input<typeof ReferralInput>;
export type Referral = z.output<typeof ReferralInput>;
