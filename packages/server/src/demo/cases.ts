import type { Actor } from '@bantay/core/access/actor';
import type { Role } from '@bantay/core/access/roles';
import { isRole } from '@bantay/core/access/roles';
import { LegalRequestInput } from '@bantay/core/cases/legal';
import { goamlReport } from '@bantay/core/synthetic/goaml';
import { remittanceCsv } from '@bantay/core/synthetic/remittance';
import type { IdentifierKind } from '@bantay/core/intake/report';
import { syntheticPdf } from '@bantay/core/synthetic/documents';
import type { RequestContext } from '../access/request';
import { systemContext } from '../audit/record';
import { recordLegalRequest } from '../cases/legal';
import { addSubject, addVictim, linkIdentifier } from '../cases/people';
import { acceptCase } from '../cases/service';
import { addDocument } from '../cases/documents';
import { addNote, addTask } from '../cases/work';
import { registerEvidence } from '../evidence/register';
import { importGoaml, importRemittanceCsv } from '../finance/import';
import type { AppDeps } from '../platform/deps';
import { decide } from '../triage/decisions';
import { demoEmail } from './seed';

const DEMO_UNIT = 'Anti-OSEC Unit Manila';

/** The demo user of a role as the services see a signed-in caller. */
async function demoContext(deps: AppDeps, role: Role, now: Date): Promise<RequestContext> {
  const user = await deps.db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .select(['u.id', 'u.email', 'u.role', 'u.organisation_id', 'u.unit_id', 'o.kind', 'o.code'])
    .where('u.email', '=', demoEmail(role))
    .executeTakeFirstOrThrow();
  if (!isRole(user.role)) throw new Error(`demo user ${user.email} has no known role`);
  const actor: Actor = {
    userId: user.id,
    email: user.email,
    role: user.role,
    organisationId: user.organisation_id,
    organisationKind: user.kind,
    organisationCode: user.code,
    unitId: user.unit_id,
  };
  return {
    deps,
    actor,
    audit: {
      ...systemContext(now, 'demo-seed'),
      actorId: user.id,
      actorEmail: user.email,
      organisationId: user.organisation_id,
    },
  };
}

/**
 * Two referrals to the Manila unit, made as triage makes them: one waiting to be accepted,
 * one accepted and worked (a facilitator linked to the report's identifier, a child by
 * pseudonym code, a task, goAML and remittance CSV imports, a served WDCD, an evidence item). Runs once, when the unit holds
 * no case yet; all of it synthetic.
 */
export async function seedDemoCases(deps: AppDeps): Promise<{ cases: number }> {
  const unit = await deps.db.selectFrom('unit').select('id').where('name', '=', DEMO_UNIT).executeTakeFirst();
  if (!unit) return { cases: 0 };
  const held = await deps.db
    .selectFrom('case_file')
    .select('id')
    .where('unit_id', '=', unit.id)
    .limit(1)
    .executeTakeFirst();
  if (held) return { cases: 0 };
  const reports = await deps.db
    .selectFrom('report')
    .select(['id'])
    .where('status', '=', 'new')
    .where('source', '=', 'NCMEC')
    .orderBy('priority_score', 'desc')
    .limit(2)
    .execute();
  if (reports.length < 2) return { cases: 0 };
  const now = deps.clock();
  const analyst = await demoContext(deps, 'triage_analyst', now);
  const investigator = await demoContext(deps, 'investigator', now);
  const [waiting, worked] = reports as [{ id: string }, { id: string }];
  await decide(analyst, String(waiting.id), {
    decision: 'refer',
    unitId: unit.id,
    note: 'P1 with a Philippine payment account.',
  });
  const { caseId } = await decide(analyst, String(worked.id), { decision: 'refer', unitId: unit.id });
  if (!caseId) return { cases: 1 };

  await acceptCase(investigator, caseId);
  const facilitator = await addSubject(investigator, caseId, {
    role: 'facilitator',
    fullName: 'Demo Facilitator (synthetic)',
    aliases: ['Tita D'],
    nationality: 'PH',
    address: 'Purok 2 (synthetic address)',
    psgcCode: '0702200000',
  });
  const identifier = await deps.db
    .selectFrom('report_identifier as ri')
    .innerJoin('identifier as i', 'i.id', 'ri.identifier_id')
    .select(['i.kind', 'i.value', 'i.platform'])
    .where('ri.report_id', '=', worked.id)
    .where('i.kind', 'in', ['email', 'phone', 'payment_account'])
    .limit(1)
    .executeTakeFirst();
  if (identifier)
    await linkIdentifier(investigator, caseId, facilitator.id, {
      kind: identifier.kind as IdentifierKind,
      value: identifier.value,
      ...(identifier.platform ? { platform: identifier.platform } : {}),
    });
  await addVictim(investigator, caseId, {
    ageBand: '9-12',
    sex: 'female',
    relationship: 'parent',
    facilitatorId: facilitator.id,
  });
  const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  await addTask(investigator, caseId, {
    title: 'Ask the provider for subscriber data',
    assigneeId: investigator.actor.userId,
    dueOn: day(3),
  });
  await addNote(
    investigator,
    caseId,
    'Synthetic demo case: the report was referred by triage and accepted by the unit.',
  );
  // The money trail: an AMLC suspicious-transaction report and a remittance company's export.
  const recipient = {
    firstName: 'Demo',
    lastName: 'Recipient',
    account: '09170000001',
    institution: 'GCash',
  };
  await importGoaml(investigator, caseId, 'demo-amlc-str.xml', [
    goamlReport({
      seed: 'demo-goaml',
      flagged: recipient,
      ordinary: { firstName: 'Demo', lastName: 'Family', account: '0000-1111-22', institution: 'Demo Bank' },
      end: now,
    }),
  ]);
  await importRemittanceCsv(investigator, caseId, 'demo-remit-export.csv', 'Demo Remit', [
    remittanceCsv({ seed: 'demo-remittance', recipient, count: 8, end: now }),
  ]);
  const warrant = await recordLegalRequest(
    investigator,
    caseId,
    LegalRequestInput.parse({
      kind: 'wdcd',
      status: 'served',
      reference: 'DEMO-WDCD-001',
      court: 'Regional Trial Court (demo), cybercrime court',
      judge: 'Hon. Demo Judge',
      recipient: 'Demo Telco',
      appliedOn: day(-4),
      issuedOn: day(-3),
      servedOn: day(-1),
    }),
  );
  await registerEvidence(investigator, caseId, {
    kind: 'account_export',
    description: 'Subscriber and payment records disclosed under the WDCD (synthetic)',
    sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    acquiredBy: 'Demo Investigator',
    acquiredAt: new Date(now.getTime() - 86_400_000).toISOString(),
    acquiredWhere: 'Demo Telco, by secure transfer',
    legalBasis: 'WDCD DEMO-WDCD-001',
    legalRequestId: warrant.id,
    storageLocation: 'Forensic store, Manila, shelf A-3 (demo)',
  });
  return { cases: 2 };
}

const day = (now: Date, offset: number) =>
  new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * The worked demo case's papers: the served WDCD and the provider's response, as small
 * generated PDFs (synthetic text only), and a task whose reminder day is today, so the
 * investigator's reminders show something. Runs once, when the case has no paper yet.
 */
export async function seedDemoCasePapers(deps: AppDeps): Promise<{ documents: number }> {
  const warrant = await deps.db
    .selectFrom('legal_request')
    .select(['case_id'])
    .where('reference', '=', 'DEMO-WDCD-001')
    .executeTakeFirst();
  if (!warrant) return { documents: 0 };
  const papers = await deps.db
    .selectFrom('case_document')
    .select('id')
    .where('case_id', '=', warrant.case_id)
    .limit(1)
    .executeTakeFirst();
  if (papers) return { documents: 0 };
  const now = deps.clock();
  const investigator = await demoContext(deps, 'investigator', now);
  const synthetic = 'SYNTHETIC DEMO DOCUMENT - generated by Bantay, no real person or case';
  await addDocument(
    investigator,
    warrant.case_id,
    { title: 'WDCD DEMO-WDCD-001 as served', kind: 'warrant', fileName: 'demo-wdcd.pdf' },
    Buffer.from(
      syntheticPdf([
        synthetic,
        'Warrant to Disclose Computer Data (WDCD) - reference DEMO-WDCD-001',
        'Regional Trial Court (demo), cybercrime court; Hon. Demo Judge',
        'To: Demo Telco. Disclose subscriber information of the account named in the case.',
      ]),
    ),
  );
  await addDocument(
    investigator,
    warrant.case_id,
    { title: 'Demo Telco response to the WDCD', kind: 'provider_response', fileName: 'demo-response.pdf' },
    Buffer.from(
      syntheticPdf([
        synthetic,
        'Demo Telco - response to WDCD DEMO-WDCD-001',
        'Subscriber records are attached in the evidence register (hash only).',
      ]),
    ),
  );
  await addTask(investigator, warrant.case_id, {
    title: 'Review the provider response and file the return',
    assigneeId: investigator.actor.userId,
    dueOn: day(now, 10),
    remindOn: day(now, 0),
  });
  return { documents: 2 };
}
