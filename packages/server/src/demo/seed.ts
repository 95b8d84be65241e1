import type { OrganisationKind } from '@bantay/core/admin/schema';
import type { Role } from '@bantay/core/access/roles';
import { recordAudit, systemContext } from '../audit/record';
import { hashPassword } from '../auth/passwords';
import type { AppDeps } from '../platform/deps';

/** The demo password of every demo account; printed at start and in the README. Demo only. */
export const DEMO_PASSWORD = 'bantay-demo-2026';
export const DEMO_DOMAIN = 'demo.bantay.local';

type DemoOrganisation = {
  code: string;
  name: string;
  kind: OrganisationKind;
  country: string;
  units: string[];
};

/** Fictional offices modelled on the kinds of body that take part; no real person anywhere. */
export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  {
    code: 'DEMO-CENTRE',
    name: 'National OSEC Triage Centre (demo)',
    kind: 'national_centre',
    country: 'PH',
    units: ['Triage desk', 'Programme office'],
  },
  {
    code: 'DEMO-WCPC',
    name: 'Police Women and Children Protection Center (demo)',
    kind: 'police',
    country: 'PH',
    units: ['Anti-OSEC Unit Manila', 'Anti-OSEC Unit Cebu'],
  },
  {
    code: 'DEMO-NBI',
    name: 'Bureau of Investigation, Anti-Trafficking Division (demo)',
    kind: 'nbi',
    country: 'PH',
    units: ['Manila office'],
  },
  {
    code: 'DEMO-PROSECUTION',
    name: 'Prosecution Office for Trafficking Cases (demo)',
    kind: 'prosecution',
    country: 'PH',
    units: ['Cebu prosecutors'],
  },
  {
    code: 'DEMO-SOCIAL',
    name: 'Social Welfare Field Office (demo)',
    kind: 'social_welfare',
    country: 'PH',
    units: ['Protective services'],
  },
  { code: 'DEMO-SHELTER', name: 'Haven Girls Shelter (demo)', kind: 'shelter', country: 'PH', units: [] },
  // Its code is the sender code of the demo referrals from Australia, whose status it follows.
  {
    code: 'AU-ACCCE-DEMO',
    name: 'Foreign Police Liaison Office (demo)',
    kind: 'foreign_agency',
    country: 'AU',
    units: [],
  },
];

export const DEMO_USERS: { role: Role; organisation: string; unit: string | null; name: string }[] = [
  { role: 'admin', organisation: 'DEMO-CENTRE', unit: null, name: 'Demo Administrator' },
  { role: 'triage_analyst', organisation: 'DEMO-CENTRE', unit: 'Triage desk', name: 'Demo Triage Analyst' },
  {
    role: 'investigator',
    organisation: 'DEMO-WCPC',
    unit: 'Anti-OSEC Unit Manila',
    name: 'Demo Investigator',
  },
  // At the national centre, so assigning, bulk actions, reviews and weights can be tried.
  { role: 'supervisor', organisation: 'DEMO-CENTRE', unit: 'Triage desk', name: 'Demo Supervisor' },
  { role: 'prosecutor', organisation: 'DEMO-PROSECUTION', unit: 'Cebu prosecutors', name: 'Demo Prosecutor' },
  {
    role: 'social_worker',
    organisation: 'DEMO-SOCIAL',
    unit: 'Protective services',
    name: 'Demo Social Worker',
  },
  { role: 'shelter_staff', organisation: 'DEMO-SHELTER', unit: null, name: 'Demo Shelter Staff' },
  // In the social welfare office, so she writes the therapy notes of its survivors.
  {
    role: 'therapist',
    organisation: 'DEMO-SOCIAL',
    unit: 'Protective services',
    name: 'Demo Therapist',
  },
  { role: 'trainer', organisation: 'DEMO-CENTRE', unit: 'Programme office', name: 'Demo Trainer' },
  {
    role: 'programme_manager',
    organisation: 'DEMO-CENTRE',
    unit: 'Programme office',
    name: 'Demo Programme Manager',
  },
  { role: 'foreign_liaison', organisation: 'AU-ACCCE-DEMO', unit: null, name: 'Demo Foreign Liaison' },
];

export const demoEmail = (role: Role) => `${role}@${DEMO_DOMAIN}`;

/**
 * Creates the demo organisations and one user per role, each only if missing, so it can
 * run at every start. Refused in production by the configuration check.
 */
export async function seedDemo(deps: AppDeps): Promise<{ created: number }> {
  if (deps.config.env === 'production') throw new Error('Demo data is refused in production.');
  const now = deps.clock();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return deps.db.transaction().execute(async (trx) => {
    let created = 0;
    const orgIds = new Map<string, string>();
    const unitIds = new Map<string, string>();
    for (const org of DEMO_ORGANISATIONS) {
      let row = await trx
        .selectFrom('organisation')
        .select('id')
        .where('code', '=', org.code)
        .executeTakeFirst();
      if (!row) {
        row = await trx
          .insertInto('organisation')
          .values({
            code: org.code,
            name: org.name,
            kind: org.kind,
            country: org.country,
            created_at: now,
            disabled_at: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        created += 1;
      }
      orgIds.set(org.code, row.id);
      for (const name of org.units) {
        let unit = await trx
          .selectFrom('unit')
          .select('id')
          .where('organisation_id', '=', row.id)
          .where('name', '=', name)
          .executeTakeFirst();
        unit ??= await trx
          .insertInto('unit')
          .values({ organisation_id: row.id, name })
          .returning('id')
          .executeTakeFirstOrThrow();
        unitIds.set(`${org.code}/${name}`, unit.id);
      }
    }
    for (const user of DEMO_USERS) {
      const email = demoEmail(user.role);
      const exists = await trx
        .selectFrom('app_user')
        .select('id')
        .where('email', '=', email)
        .executeTakeFirst();
      if (exists) continue;
      await trx
        .insertInto('app_user')
        .values({
          email,
          display_name: user.name,
          role: user.role,
          organisation_id: orgIds.get(user.organisation) ?? '',
          unit_id: user.unit ? (unitIds.get(`${user.organisation}/${user.unit}`) ?? null) : null,
          password_hash: passwordHash,
          password_changed_at: now,
          created_at: now,
        })
        .execute();
      created += 1;
    }
    if (created > 0)
      await recordAudit(trx, systemContext(now, 'demo-seed'), {
        action: 'system.demo_seeded',
        details: { created },
      });
    return { created };
  });
}
