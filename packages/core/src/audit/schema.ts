import { z } from 'zod';

/**
 * Every auditable event. One line each says when it is written. Reads of sensitive
 * records are events too.
 */
export const AUDIT_ACTIONS = [
  /** A user signed in (outcome success) or failed to (failure, details.reason). */
  'auth.login',
  /** A user signed out, ending his session. */
  'auth.logout',
  /** Five failures in the window locked an account. */
  'auth.locked',
  /** A session was refused because it was idle, too old, or its user disabled. */
  'auth.session_ended',
  /** A user enrolled a TOTP second factor. */
  'auth.mfa_enrolled',
  /** A user changed his own password. */
  'auth.password_changed',
  /** A route or record was refused (missing permission or out of scope). */
  'access.denied',
  /** An administrator created a user. */
  'user.created',
  /** An administrator read a user's record. */
  'user.read',
  /** An administrator changed name, role, organisation or unit. */
  'user.updated',
  /** An administrator disabled a user; every session of his ended. */
  'user.disabled',
  /** An administrator re-enabled a user. */
  'user.enabled',
  /** An administrator unlocked a locked account. */
  'user.unlocked',
  /** An administrator removed a user's second factor so he enrols again. */
  'user.mfa_reset',
  /** An organisation was created. */
  'organisation.created',
  /** An organisation was changed, disabled or re-enabled. */
  'organisation.updated',
  /** A unit was added to an organisation. */
  'unit.created',
  /** Someone searched the audit log (the filter is in details). */
  'audit.searched',
  /** The audit chain was verified (details: rows checked, first bad row). */
  'audit.verified',
  /** Reports were imported (details: channel, format, source, file, stored, duplicates, quarantined). */
  'intake.imported',
  /** Someone read a quarantined document (it may name a child). */
  'intake.quarantine_read',
  /** A quarantined document was fixed and re-run into a report, or discarded. */
  'intake.quarantine_resolved',
  'intake.quarantine_discarded',
  /** A known-content hash set was imported (details: entries, problems). */
  'hashset.imported',
  /** Someone opened a report page. */
  'report.read',
  /** Someone viewed a report's original document. */
  'report.document_read',
  /** An analyst claimed a report, or a report was assigned to someone. */
  'triage.claimed',
  'triage.assigned',
  /** A decision on a report: refer, attach, merge as duplicate, ask for information, close. */
  'triage.decided',
  /** A supervisor reviewed a decision (upheld or reopened). */
  'triage.reviewed',
  /** Priority weights or linking settings changed (the open queue was re-scored). */
  'triage.settings_changed',
  /** Open reports scored again as their recency points faded (the server's hourly run). */
  'triage.recency_rescored',
  /** Someone opened a case. */
  'case.read',
  /** A case was opened by hand, or a referred case accepted by its unit (referred → open). */
  'case.opened',
  'case.accepted',
  /** Title, summary, lead or status of a case changed (details: the fields). */
  'case.updated',
  /** Someone was added to a case's members. */
  'case.member_added',
  /** A subject (facilitator, customer, suspect, witness) was added, or an identifier linked to him. */
  'case.subject_added',
  'case.identifier_linked',
  /** A victim (pseudonym code only) was added to a case. */
  'case.victim_added',
  /** A task was added to a case, or marked done. */
  'case.task_added',
  'case.task_done',
  /** A note was added to a case. */
  'case.note_added',
  /** Someone opened a case's link graph, or exported the case as FollowTheMoney entities. */
  'case.graph_read',
  'case.exported',
  /** A case paper was uploaded (encrypted), downloaded (decrypted, hash checked), or withdrawn (content erased). */
  'case.document_added',
  'case.document_read',
  'case.document_withdrawn',
  /** A user dismissed or snoozed one of his reminders (a task or legal deadline). */
  'reminder.dismissed',
  'reminder.snoozed',
  /** A legal request (warrant, preservation, request abroad, emergency disclosure) was recorded or changed. */
  'legal.recorded',
  'legal.updated',
  /** Someone read the unit's calendar of due dates. */
  'legal.calendar_read',
  /** A rescue operation was planned, approved, or its outcome recorded. */
  'operation.planned',
  'operation.approved',
  'operation.completed',
  /** An evidence item was registered, or its custody transferred (receiver confirmed by password). */
  'evidence.registered',
  'evidence.transferred',
  /** Someone read a case's evidence register, or exported it (CSV of hashes, manifest PDF). */
  'evidence.read',
  'evidence.exported',
  /** Financial transactions were imported into a case (details: file, stored, duplicates, quarantined). */
  'finance.imported',
  /** Someone read a case's recipients and their indicator flags. */
  'finance.read',
  /** The evidence custody chain was verified (details: rows checked, first bad row). */
  'evidence.verified',
  /** A foreign liaison read the status of his agency's referrals. */
  'referral.status_read',
  /** A survivor record was opened by intake (direct or from a rescue operation). */
  'aftercare.intake',
  'aftercare.rescue_intake',
  /** Someone opened a survivor record (pseudonymised). */
  'aftercare.survivor_read',
  /** Someone saw a child's identity (name, birth date, family, addresses). One row per view. */
  'aftercare.identity_viewed',
  /** A child's identity was entered or changed. */
  'aftercare.identity_updated',
  /** Risk level, safety plan or the RA 7610 report reference changed. */
  'aftercare.updated',
  /** A consent (services, information sharing, disclosure) was recorded, given or refused. */
  'aftercare.consent_recorded',
  'aftercare.consent_withdrawn',
  /** A care plan version was written, and a supervisor approved or returned it. */
  'aftercare.plan_created',
  'aftercare.plan_decided',
  /** An approved care plan was reviewed on its schedule (the next review date moved). */
  'aftercare.plan_reviewed',
  /** Closure of a record was asked for, and a supervisor decided on it. */
  'aftercare.closure_requested',
  'aftercare.closure_decided',
  /** An aftercare partner was added to the directory or changed. */
  'aftercare.partner_saved',
  /** A child was placed with a partner (or moved), or the case went to another organisation. */
  'aftercare.placed',
  'aftercare.transferred',
  /** An outcome assessment or a service session was recorded. */
  'aftercare.assessed',
  'aftercare.service_recorded',
  /** A therapy note was written, or the therapy notes were read (decrypted). */
  'aftercare.therapy_note_written',
  'aftercare.therapy_notes_read',
  /** A school or course enrolment, or a month's attendance, was recorded. */
  'aftercare.enrolment_recorded',
  'aftercare.attendance_recorded',
  /** A case conference, a follow-up or a court hearing to support was recorded. */
  'aftercare.conference_recorded',
  'aftercare.follow_up_recorded',
  'aftercare.court_support_recorded',
  /** An organisation loaded its own outcome instrument. */
  'aftercare.instrument_loaded',
  /** A programme manager read the aftercare aggregates. */
  'aftercare.dashboard_read',
  /** A prosecutor read a court case, or opened one (details: docket, investigation case). */
  'prosecution.read',
  'prosecution.opened',
  /** A court case changed: details, accused, charges, stages, pleas, hearings, outcomes. */
  'prosecution.updated',
  'prosecution.accused_added',
  'prosecution.charged',
  'prosecution.stage_recorded',
  'prosecution.plea_recorded',
  'prosecution.hearing_scheduled',
  'prosecution.hearing_updated',
  'prosecution.outcome_recorded',
  /** A hearings calendar (JSON or iCalendar) was read. */
  'prosecution.calendar_read',
  /** The investigating unit read the court status of its case. */
  'prosecution.status_read',
  /** Office heads or programme managers read the prosecution aggregates. */
  'prosecution.dashboard_read',
  /** A social worker read her organisation's court dates (pseudonyms only). */
  'aftercare.court_dates_read',
  /** A backup of the database was written (details: file name, size). */
  'system.backup',
  /** The database was restored from a backup. */
  'system.restored',
  /** Encrypted columns were re-encrypted under the active key (details: counts per column). */
  'system.keys_rotated',
  /** Demo data was seeded. */
  'system.demo_seeded',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_OUTCOMES = ['success', 'denied', 'failure'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export const AuditEvent = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  organisationId: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  recordType: z.string().nullable(),
  recordId: z.string().nullable(),
  outcome: z.enum(AUDIT_OUTCOMES),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

const IsoTime = z.iso.datetime({ offset: true, message: 'Use an ISO 8601 time, e.g. 2026-11-29T08:00:00Z.' });

export const AuditQuery = z.object({
  /** Events by this user (id). */
  actorId: z.uuid().optional(),
  /** Events by this e-mail (exact, case-insensitive); finds failed sign-ins too. */
  actorEmail: z.string().trim().toLowerCase().max(254).optional(),
  /** Record type, e.g. user, organisation. */
  recordType: z.string().trim().max(64).optional(),
  /** Record id. */
  recordId: z.string().trim().max(128).optional(),
  /** Exact action, or a prefix ending in '.' (e.g. "auth."). */
  action: z.string().trim().max(64).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  /** From this time, inclusive. */
  from: IsoTime.optional(),
  /** Up to this time, exclusive. */
  to: IsoTime.optional(),
  /** Page: events older than this id. */
  before: z.string().regex(/^\d+$/).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof AuditQuery>;
