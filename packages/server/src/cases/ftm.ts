import { createHash } from 'node:crypto';
import type { RequestContext } from '../access/request';
import { recordAudit } from '../audit/record';
import { listSubjects } from './people';
import { readCase } from './scope';

/** One FollowTheMoney entity: every property value is an array of strings. */
export type FtmEntity = { id: string; schema: string; properties: Record<string, string[]> };

/** Stable ids, so a re-export merges with the earlier one in Aleph. */
const entityId = (...parts: string[]) =>
  `bantay-${createHash('sha1').update(parts.join('\u0000')).digest('hex').slice(0, 24)}`;

/** Online handles become UserAccounts; payment accounts BankAccounts owned through an Ownership. */
const HANDLE_KINDS = ['username', 'esp_user_id', 'profile_url'];

/**
 * The case's people and their accounts as FollowTheMoney entities (the model OCCRP's Aleph
 * reads): Person with names, aliases, nationality, birth date, e-mail and phone; Address;
 * UserAccount for handles; BankAccount with an Ownership for payment accounts. Victims are
 * never exported. Audited.
 */
export async function caseFtmEntities(ctx: RequestContext, caseId: string): Promise<FtmEntity[]> {
  const row = await readCase(ctx, caseId);
  const subjects = await listSubjects(ctx.deps.db, row.id);
  const entities: FtmEntity[] = [];
  for (const subject of subjects) {
    const personId = entityId('person', subject.id);
    const person: FtmEntity = {
      id: personId,
      schema: 'Person',
      properties: {
        name: [subject.fullName],
        ...(subject.aliases.length ? { alias: subject.aliases } : {}),
        ...(subject.nationality ? { nationality: [subject.nationality.toLowerCase()] } : {}),
        ...(subject.birthDate ? { birthDate: [subject.birthDate] } : {}),
        ...(subject.notes ? { notes: [subject.notes] } : {}),
        topics: subject.forProsecution ? ['crime'] : [],
        keywords: [subject.role, row.number],
      },
    };
    if (person.properties.topics?.length === 0) delete person.properties.topics;
    if (subject.address || subject.place) {
      const full = [subject.address, subject.place].filter(Boolean).join(', ');
      const addressId = entityId('address', subject.id);
      entities.push({
        id: addressId,
        schema: 'Address',
        properties: { name: [full], full: [full], country: ['ph'] },
      });
      person.properties.address = [full];
      person.properties.addressEntity = [addressId];
    }
    for (const identifier of subject.identifiers) {
      if (identifier.kind === 'email') (person.properties.email ??= []).push(identifier.value);
      else if (identifier.kind === 'phone') (person.properties.phone ??= []).push(identifier.value);
      else if (HANDLE_KINDS.includes(identifier.kind))
        entities.push({
          id: entityId('account', identifier.id),
          schema: 'UserAccount',
          properties: {
            name: [identifier.value],
            username: [identifier.value],
            ...(identifier.platform ? { service: [identifier.platform] } : {}),
            owner: [personId],
          },
        });
      else if (identifier.kind === 'payment_account') {
        const accountId = entityId('bank', identifier.id);
        entities.push({
          id: accountId,
          schema: 'BankAccount',
          properties: {
            name: [identifier.value],
            accountNumber: [identifier.value],
            ...(identifier.platform ? { bankName: [identifier.platform] } : {}),
          },
        });
        entities.push({
          id: entityId('ownership', identifier.id),
          schema: 'Ownership',
          properties: { owner: [personId], asset: [accountId] },
        });
      }
    }
    entities.push(person);
  }
  await recordAudit(ctx.deps.db, ctx.audit, {
    action: 'case.exported',
    recordType: 'case',
    recordId: row.id,
    details: { format: 'ftm', entities: entities.length },
  });
  return entities;
}
