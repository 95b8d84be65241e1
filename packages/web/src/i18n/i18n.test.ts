import { ROLES } from '@bantay/core/access/roles';
import { ORGANISATION_KINDS, USER_STATUSES } from '@bantay/core/admin/schema';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from '@bantay/core/audit/schema';
import { ERRORS } from '@bantay/core/errors';
import { IDENTIFIER_FLAGS } from '@bantay/core/identifiers/types';
import { INCIDENT_TYPE_KEYS, INDUSTRY_CLASSIFICATIONS, REPORT_ANNOTATIONS } from '@bantay/core/intake/report';
import { PRIORITY_FACTORS } from '@bantay/core/triage/priority';
import { CLOSE_REASONS, DECISIONS, REPORT_STATUSES } from '@bantay/core/triage/schema';
import { describe, expect, it } from 'vitest';
import { ACTION_FAMILIES, RECORD_TYPES } from '../audit/labels';
import { CASE_STATUSES } from '../cases/api';
import { QUARANTINE_STATUSES } from '../intake/api';
import { IDENTIFIER_ROLES, REPORT_FLAGS } from '../triage/labels';
import ceb from './ceb.json';
import en from './en.json';
import fil from './fil.json';

type Tree = { [key: string]: string | Tree };

/** Every leaf as "a.b.c" → text. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const leaves = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') leaves.set(path, value);
    else for (const [leaf, text] of flatten(value, path)) leaves.set(leaf, text);
  }
  return leaves;
}

const variables = (text: string) =>
  [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]).sort();

const english = flatten(en);
const translations = { fil: flatten(fil), ceb: flatten(ceb) };

describe.each(Object.entries(translations))('the %s translation', (language, translated) => {
  it('has every English key, none empty', () => {
    const missing = [...english.keys()].filter((key) => !translated.get(key)?.trim());
    expect(missing).toEqual([]);
  });

  it('has no key that English lacks', () => {
    expect([...translated.keys()].filter((key) => !english.has(key))).toEqual([]);
  });

  it('uses the same {{variables}} as English in every text', () => {
    const different = [...english].filter(
      ([key, text]) =>
        JSON.stringify(variables(text)) !== JSON.stringify(variables(translated.get(key) ?? '')),
    );
    expect(different.map(([key]) => `${language}:${key}`)).toEqual([]);
  });

  it('is not English left untranslated in the longer texts', () => {
    const words = (text: string) => text.replace(/\{\{\s*\w+\s*\}\}/g, '').replace(/[^\p{L}]/gu, '');
    const same = [...english].filter(
      ([key, text]) => words(text).length > 20 && translated.get(key) === text,
    );
    expect(same.map(([key]) => key)).toEqual([]);
  });
});

describe('the English catalogue', () => {
  it.each([
    ['errors', Object.keys(ERRORS)],
    ['roles', ROLES],
    ['roleDescriptions', ROLES],
    ['organisationKinds', ORGANISATION_KINDS],
    ['userStatus', USER_STATUSES],
    ['auditOutcomes', AUDIT_OUTCOMES],
    ['auditActions', AUDIT_ACTIONS],
    ['auditFamilies', ACTION_FAMILIES],
    ['recordTypes', RECORD_TYPES],
    ['incidentTypes', INCIDENT_TYPE_KEYS],
    ['reportStatuses', REPORT_STATUSES],
    ['referralStatuses', REPORT_STATUSES],
    ['caseStatuses', CASE_STATUSES],
    ['closeReasons', CLOSE_REASONS],
    ['reportFlags', REPORT_FLAGS],
    ['reportAnnotations', REPORT_ANNOTATIONS],
    ['identifierRoles', IDENTIFIER_ROLES],
    ['classifications', INDUSTRY_CLASSIFICATIONS],
    ['quarantine.statuses', QUARANTINE_STATUSES],
  ] as const)('names every member of %s', (group, members: readonly string[]) => {
    expect(members.filter((member) => !english.has(`${group}.${member}`))).toEqual([]);
  });

  it.each([
    ['priorityFactors', PRIORITY_FACTORS, ['label', 'help']],
    ['identifierFlags', IDENTIFIER_FLAGS, ['label', 'help']],
    ['decisions', DECISIONS, ['label', 'help', 'submit', 'done']],
  ] as const)(
    'names and explains every member of %s',
    (group, members: readonly string[], parts: readonly string[]) => {
      const missing = members
        .flatMap((member) => parts.map((part) => `${group}.${member}.${part}`))
        .filter((key) => !english.has(key));
      expect(missing).toEqual([]);
    },
  );
});
