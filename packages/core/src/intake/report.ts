/**
 * The one shape every intake format is parsed into: a report as Bantay understands it,
 * before identifiers are normalised and before it is stored. Parsers fill it; the intake
 * pipeline normalises, links, matches and scores it. Metadata and hashes only, never media.
 */

/** The eight CyberTipline incident types, exactly as NCMEC spells them, with our short keys. */
export const INCIDENT_TYPES = {
  child_pornography: 'Child Pornography (possession, manufacture, and distribution)',
  child_sex_trafficking: 'Child Sex Trafficking',
  child_sex_tourism: 'Child Sex Tourism',
  child_sexual_molestation: 'Child Sexual Molestation',
  misleading_domain_name: 'Misleading Domain Name',
  misleading_words_or_images: 'Misleading Words or Digital Images on the Internet',
  online_enticement: 'Online Enticement of Children for Sexual Acts',
  unsolicited_obscene_material: 'Unsolicited Obscene Material Sent to a Child',
} as const;
export type IncidentType = keyof typeof INCIDENT_TYPES;
export const INCIDENT_TYPE_KEYS = Object.keys(INCIDENT_TYPES) as [IncidentType, ...IncidentType[]];

/** Report-level annotations of the CyberTipline schema (presence = flag). */
export const REPORT_ANNOTATIONS = [
  'sextortion',
  'csamSolicitation',
  'minorToMinorInteraction',
  'spam',
  'sadisticOnlineExploitation',
] as const;
export type ReportAnnotation = (typeof REPORT_ANNOTATIONS)[number];

/** Per-file annotations of the CyberTipline schema. */
export const FILE_ANNOTATIONS = [
  'animeDrawingVirtualHentai',
  'potentialMeme',
  'viral',
  'possibleSelfProduction',
  'physicalHarm',
  'violenceGore',
  'bestiality',
  'liveStreaming',
  'infant',
  'generativeAi',
] as const;
export type FileAnnotation = (typeof FILE_ANNOTATIONS)[number];

/** Industry classification: A prepubescent / B pubescent; 1 sex act / 2 lascivious exhibition. */
export const INDUSTRY_CLASSIFICATIONS = ['A1', 'A2', 'B1', 'B2'] as const;
export type IndustryClassification = (typeof INDUSTRY_CLASSIFICATIONS)[number];

/** Where reports come from: the format decides the parser, the source names the sender. */
export const REPORT_FORMATS = ['cybertipline-xml', 'referral-json', 'hotline-csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const SOURCE_KINDS = [
  'platform',
  'foreign_police',
  'hotline',
  'walk_in',
  'financial_intelligence',
  'other',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** The kinds of identifier Bantay normalises, indexes and (for some) links on. */
export const IDENTIFIER_KINDS = [
  'email',
  'phone',
  'ip',
  'username',
  'profile_url',
  'esp_user_id',
  'payment_account',
  'device_id',
] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** Whose identifier it is within the report. */
export const PERSON_ROLES = ['reported', 'victim', 'recipient', 'associated'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

/** An identifier as it appeared in the report, before normalisation. */
export type RawIdentifier = {
  kind: IdentifierKind;
  /** The text as given, kept for display and evidence. */
  value: string;
  /** The service it belongs to (username, user id, profile), or the provider (payment: GCash, a bank). */
  platform?: string;
  /** When it was seen (IP capture, device event). */
  observedAt?: Date;
  /** IP capture: source port (carrier-grade NAT attribution) and the platform's proxy flag. */
  port?: number;
  possibleProxy?: boolean;
  /** IP capture / device event name: Login, Registration, Upload, … */
  event?: string;
  /** Device id type: IMEI, ICCID, advertising id, … */
  subtype?: string;
};

/** A place a report points at: an address, an estimated location, a phone's country. */
export type LocationHint = {
  source: 'address' | 'estimated_location' | 'report_text';
  countryCode?: string;
  region?: string;
  city?: string;
  text?: string;
  verified?: boolean;
};

export type ReportPerson = {
  role: PersonRole;
  /** Display name of a reported person; never filled for a victim (identity stays in the original document). */
  name?: string;
  ageYears?: number;
  identifiers: RawIdentifier[];
  locations: LocationHint[];
};

export const HASH_TYPES = ['md5', 'sha1', 'sha256', 'pdq'] as const;
export type HashType = (typeof HASH_TYPES)[number];

export type FileHash = {
  type: HashType;
  /** Lower-case hex. */
  value: string;
  /** PDQ quality 0–100, when the sender gave one. */
  quality?: number;
};

/** One file of a report: metadata and hashes only. */
export type ReportFile = {
  fileId?: string;
  originalFileName?: string;
  /** false = the platform did not view it: flagged for legal review before anyone relies on it. */
  viewedByEsp?: boolean;
  publiclyAvailable?: boolean;
  annotations: FileAnnotation[];
  industryClassification?: IndustryClassification;
  hashes: FileHash[];
  /** Upload IP of the file, if given. */
  identifiers: RawIdentifier[];
};

export type ReportDraft = {
  format: ReportFormat;
  /** Who sent it: "NCMEC", a foreign agency code, a hotline name. With externalId, unique. */
  source: string;
  sourceKind: SourceKind;
  /** The sender's id for the report (CyberTipline report id, referral reference, hotline log id). */
  externalId: string;
  incidentType: IncidentType;
  incidentAt?: Date;
  /** When the sender received or made the report. */
  reportedAt?: Date;
  /** The reporting platform (ESP) or service, e.g. "Facebook", "Viber". */
  platform?: string;
  /** The sender asked for high priority, with this reason. */
  escalationReason?: string;
  annotations: ReportAnnotation[];
  persons: ReportPerson[];
  files: ReportFile[];
  locations: LocationHint[];
  /** Free-text additional information, kept short in the queue; the full text stays in the original. */
  summary?: string;
};

/** A document that could not become a report: kept with the reason and where it went wrong. */
export type IntakeProblem = {
  /** Machine code, e.g. "missing_element", "bad_value", "not_well_formed", "forbidden_doctype". */
  code: string;
  message: string;
  /** Element path (/report/incidentSummary/incidentType), JSON pointer, or CSV column. */
  path?: string;
  line?: number;
  column?: number;
};

/** What a parser yields for each document it meets: a report, or a problem with the raw text kept. */
export type ParsedItem =
  | { ok: true; draft: ReportDraft; raw: string; index: number }
  | { ok: false; problem: IntakeProblem; raw: string; index: number; externalId?: string };
