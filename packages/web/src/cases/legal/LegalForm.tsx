import {
  isWarrant,
  LEGAL_KINDS,
  LEGAL_STATUSES,
  LegalRequestInput,
  type LegalKind,
  type LegalRequest,
  type LegalStatus,
} from '@bantay/core/cases/legal';
import { NumberInput, Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { casesApi } from '../api';
import { CaseForm, given } from '../CaseForm';
import { member, options } from '../labels';

const FIELDS = [
  'kind',
  'status',
  'reference',
  'court',
  'judge',
  'recipient',
  'country',
  'appliedOn',
  'issuedOn',
  'servedOn',
  'extensionDays',
  'returnedOn',
  'returnHashes',
  'dueOn',
  'notes',
] as const;
type Field = (typeof FIELDS)[number];

/** One hash a line: the SHA-256, a space, what it is of. */
export function parseReturnHashes(text: string): { sha256: string; description: string }[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [sha256 = '', ...rest] = line.split(/\s+/);
      return { sha256, description: rest.join(' ') };
    });
}

type Text = Record<Exclude<Field, 'kind' | 'status' | 'extensionDays'>, string>;

/** Records a warrant or request, or brings one up to date as it is issued, served and returned. */
export function LegalForm({
  caseId,
  request,
  onDone,
}: {
  caseId: string;
  request?: LegalRequest;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<LegalKind | null>(request?.kind ?? 'wdcd');
  const [status, setStatus] = useState<LegalStatus | null>(request?.status ?? 'applied');
  const [extensionDays, setExtensionDays] = useState<number>(request?.extensionDays ?? 0);
  const [text, setText] = useState<Text>({
    reference: request?.reference ?? '',
    court: request?.court ?? '',
    judge: request?.judge ?? '',
    recipient: request?.recipient ?? '',
    country: request?.country ?? '',
    appliedOn: request?.appliedOn ?? '',
    issuedOn: request?.issuedOn ?? '',
    servedOn: request?.servedOn ?? '',
    returnedOn: request?.returnedOn ?? '',
    returnHashes: request?.returnHashes.map((h) => `${h.sha256} ${h.description}`).join('\n') ?? '',
    dueOn: request && !isWarrant(request.kind) ? (request.returnDueOn ?? '') : '',
    notes: request?.notes ?? '',
  });
  const set = (field: keyof Text) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setText((current) => ({ ...current, [field]: value }));
  };
  const input = {
    kind: kind ?? 'wdcd',
    status: status ?? 'draft',
    reference: given(text.reference),
    court: given(text.court),
    judge: given(text.judge),
    recipient: given(text.recipient),
    country: given(text.country),
    appliedOn: given(text.appliedOn),
    issuedOn: given(text.issuedOn),
    servedOn: given(text.servedOn),
    extensionDays,
    returnedOn: given(text.returnedOn),
    returnHashes: parseReturnHashes(text.returnHashes),
    dueOn: given(text.dueOn),
    notes: given(text.notes),
  };
  const warrant = kind !== null && isWarrant(kind);
  const check = () => {
    const result = LegalRequestInput.safeParse(input);
    if (result.success) return {};
    const errors: Partial<Record<Field, string>> = {};
    for (const issue of result.error.issues) {
      const field = member(FIELDS, String(issue.path[0] ?? ''));
      if (field)
        errors[field] ??= t(
          issue.code === 'custom' ? 'investigation.legal.checkField' : 'investigation.form.invalid',
        );
    }
    return errors;
  };
  return (
    <CaseForm
      label={request ? t('investigation.legal.update') : t('investigation.legal.add')}
      fields={FIELDS}
      submitLabel={request ? t('investigation.legal.update') : t('investigation.legal.add')}
      doneMessage={t('investigation.legal.saved')}
      check={check}
      send={() =>
        request ? casesApi.updateLegal(caseId, request.id, input) : casesApi.recordLegal(caseId, input)
      }
      onDone={onDone}
    >
      {(errors) => (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('investigation.legal.kind')}
              data={options(LEGAL_KINDS, (k) => t(`investigation.legalKinds.${k}`))}
              required
              allowDeselect={false}
              value={kind}
              error={errors.kind}
              onChange={(value) => setKind(member(LEGAL_KINDS, value))}
            />
            <Select
              label={t('cases.status')}
              data={options(LEGAL_STATUSES, (s) => t(`investigation.legalStatuses.${s}`))}
              required
              allowDeselect={false}
              value={status}
              error={errors.status}
              onChange={(value) => setStatus(member(LEGAL_STATUSES, value))}
            />
          </SimpleGrid>
          <TextInput
            label={t('investigation.legal.reference')}
            value={text.reference}
            error={errors.reference}
            onChange={set('reference')}
          />
          {warrant ? (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('investigation.legal.court')}
                value={text.court}
                error={errors.court}
                onChange={set('court')}
              />
              <TextInput
                label={t('investigation.legal.judge')}
                value={text.judge}
                error={errors.judge}
                onChange={set('judge')}
              />
            </SimpleGrid>
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('investigation.legal.recipient')}
              description={t('investigation.legal.recipientHelp')}
              value={text.recipient}
              error={errors.recipient}
              onChange={set('recipient')}
            />
            <TextInput
              label={t('investigation.legal.country')}
              description={t('investigation.form.countryHelp')}
              maxLength={2}
              value={text.country}
              error={errors.country}
              onChange={set('country')}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              type="date"
              label={t('investigation.legal.appliedOn')}
              value={text.appliedOn}
              error={errors.appliedOn}
              onChange={set('appliedOn')}
            />
            <TextInput
              type="date"
              label={t('investigation.legal.issuedOn')}
              value={text.issuedOn}
              error={errors.issuedOn}
              onChange={set('issuedOn')}
            />
            <TextInput
              type="date"
              label={t('investigation.legal.servedOn')}
              value={text.servedOn}
              error={errors.servedOn}
              onChange={set('servedOn')}
            />
          </SimpleGrid>
          {warrant ? (
            <NumberInput
              label={t('investigation.legal.extensionDays')}
              description={t('investigation.legal.extensionHelp')}
              min={0}
              max={30}
              value={extensionDays}
              error={errors.extensionDays}
              onChange={(value) => setExtensionDays(typeof value === 'number' ? value : Number(value) || 0)}
            />
          ) : (
            <TextInput
              type="date"
              label={t('investigation.legal.dueOn')}
              description={t('investigation.legal.dueHelp')}
              value={text.dueOn}
              error={errors.dueOn}
              onChange={set('dueOn')}
            />
          )}
          <TextInput
            type="date"
            label={t('investigation.legal.returnedOn')}
            value={text.returnedOn}
            error={errors.returnedOn}
            onChange={set('returnedOn')}
          />
          {warrant ? (
            <Textarea
              label={t('investigation.legal.returnHashes')}
              description={t('investigation.legal.returnHashesHelp')}
              autosize
              minRows={2}
              ff="monospace"
              value={text.returnHashes}
              error={errors.returnHashes}
              onChange={set('returnHashes')}
            />
          ) : null}
          <Textarea
            label={t('investigation.notes.note')}
            autosize
            minRows={2}
            value={text.notes}
            error={errors.notes}
            onChange={set('notes')}
          />
        </>
      )}
    </CaseForm>
  );
}
