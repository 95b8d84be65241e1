import {
  CustodyTransferInput,
  EVIDENCE_KINDS,
  EvidenceItemInput,
  type EvidenceItem,
} from '@bantay/core/evidence/schema';
import { Alert, PasswordInput, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { schemaErrors } from '../../app/errors';
import { casesApi, useLegalRequests, useTeamOptions, type CaseDetail } from '../api';
import { CaseForm, given } from '../CaseForm';
import { member, options } from '../labels';

const ITEM_FIELDS = [
  'kind',
  'description',
  'sha256',
  'md5',
  'sha1',
  'acquiredBy',
  'acquiredAt',
  'acquiredWhere',
  'legalBasis',
  'legalRequestId',
  'storageLocation',
] as const;
type ItemField = (typeof ITEM_FIELDS)[number];
type ItemText = Record<Exclude<ItemField, 'kind' | 'legalRequestId'>, string>;

/** Registers an item by its hashes and where it is kept; the item itself stays in the forensic store. */
export function EvidenceItemForm({ item, onDone }: { item: CaseDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const legal = useLegalRequests(item.id);
  const [kind, setKind] = useState<(typeof EVIDENCE_KINDS)[number] | null>('device');
  const [legalRequestId, setLegalRequestId] = useState<string | null>(null);
  const [text, setText] = useState<ItemText>({
    description: '',
    sha256: '',
    md5: '',
    sha1: '',
    acquiredBy: '',
    acquiredAt: '',
    acquiredWhere: '',
    legalBasis: '',
    storageLocation: '',
  });
  const set = (field: keyof ItemText) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setText((current) => ({ ...current, [field]: value }));
  };
  const acquiredAt = text.acquiredAt ? new Date(text.acquiredAt) : null;
  const input = {
    ...text,
    kind: kind ?? 'other',
    md5: given(text.md5),
    sha1: given(text.sha1),
    acquiredAt: acquiredAt && !Number.isNaN(acquiredAt.getTime()) ? acquiredAt.toISOString() : '',
    legalRequestId: legalRequestId ?? undefined,
  };
  const messages: Record<
    ItemField,
    'investigation.form.required' | 'investigation.evidence.hashFormat' | 'investigation.form.time'
  > = {
    kind: 'investigation.form.required',
    description: 'investigation.form.required',
    sha256: 'investigation.evidence.hashFormat',
    md5: 'investigation.evidence.hashFormat',
    sha1: 'investigation.evidence.hashFormat',
    acquiredBy: 'investigation.form.required',
    acquiredAt: 'investigation.form.time',
    acquiredWhere: 'investigation.form.required',
    legalBasis: 'investigation.form.required',
    legalRequestId: 'investigation.form.required',
    storageLocation: 'investigation.form.required',
  };
  return (
    <CaseForm
      label={t('investigation.evidence.register')}
      fields={ITEM_FIELDS}
      submitLabel={t('investigation.evidence.register')}
      doneMessage={t('investigation.evidence.registered')}
      check={() => schemaErrors(t, EvidenceItemInput.safeParse(input), messages)}
      send={() => casesApi.registerEvidence(item.id, input)}
      onDone={onDone}
    >
      {(errors) => (
        <>
          <Alert color="blue">{t('investigation.evidence.noMedia')}</Alert>
          <Select
            label={t('investigation.evidence.kind')}
            data={options(EVIDENCE_KINDS, (k) => t(`investigation.evidenceKinds.${k}`))}
            required
            allowDeselect={false}
            value={kind}
            error={errors.kind}
            onChange={(value) => setKind(member(EVIDENCE_KINDS, value))}
          />
          <TextInput
            label={t('investigation.evidence.description')}
            required
            data-autofocus
            value={text.description}
            error={errors.description}
            onChange={set('description')}
          />
          <TextInput
            label={t('investigation.hash.sha256')}
            required
            ff="monospace"
            value={text.sha256}
            error={errors.sha256}
            onChange={set('sha256')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('investigation.hash.md5')}
              ff="monospace"
              value={text.md5}
              error={errors.md5}
              onChange={set('md5')}
            />
            <TextInput
              label={t('investigation.hash.sha1')}
              ff="monospace"
              value={text.sha1}
              error={errors.sha1}
              onChange={set('sha1')}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('investigation.evidence.acquiredBy')}
              required
              value={text.acquiredBy}
              error={errors.acquiredBy}
              onChange={set('acquiredBy')}
            />
            <TextInput
              type="datetime-local"
              label={t('investigation.evidence.acquiredAt')}
              required
              value={text.acquiredAt}
              error={errors.acquiredAt}
              onChange={set('acquiredAt')}
            />
          </SimpleGrid>
          <TextInput
            label={t('investigation.evidence.acquiredWhere')}
            required
            value={text.acquiredWhere}
            error={errors.acquiredWhere}
            onChange={set('acquiredWhere')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('investigation.evidence.legalBasis')}
              required
              value={text.legalBasis}
              error={errors.legalBasis}
              onChange={set('legalBasis')}
            />
            <Select
              label={t('investigation.evidence.warrant')}
              data={(legal.data ?? []).map((request) => ({
                value: request.id,
                label:
                  `${t(`investigation.legalKindsShort.${request.kind}`)} ${request.reference ?? ''}`.trim(),
              }))}
              clearable
              value={legalRequestId}
              error={errors.legalRequestId}
              onChange={setLegalRequestId}
            />
          </SimpleGrid>
          <TextInput
            label={t('investigation.evidence.storage')}
            required
            value={text.storageLocation}
            error={errors.storageLocation}
            onChange={set('storageLocation')}
          />
        </>
      )}
    </CaseForm>
  );
}

/** Hands an item on; the receiver, present, types his own password to confirm. */
export function TransferForm({
  caseId,
  evidence,
  onDone,
}: {
  caseId: string;
  evidence: EvidenceItem;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const team = useTeamOptions(true);
  const [toUserId, setToUserId] = useState<string | null>(null);
  const [purpose, setPurpose] = useState('');
  const [receiverPassword, setReceiverPassword] = useState('');
  const input = { toUserId: toUserId ?? '', purpose, receiverPassword };
  return (
    <CaseForm
      label={t('investigation.evidence.transferOf', { number: evidence.number })}
      fields={['toUserId', 'purpose', 'receiverPassword'] as const}
      submitLabel={t('investigation.evidence.transfer')}
      doneMessage={t('investigation.evidence.transferred', { number: evidence.number })}
      check={() =>
        schemaErrors(t, CustodyTransferInput.safeParse(input), {
          toUserId: 'investigation.form.required',
          purpose: 'investigation.form.required',
          receiverPassword: 'investigation.form.required',
        })
      }
      send={() => casesApi.transferCustody(caseId, evidence.id, input)}
      onDone={onDone}
    >
      {(errors) => (
        <>
          <Select
            label={t('investigation.evidence.receiver')}
            data={(team.data?.colleagues ?? [])
              .filter((person) => person.id !== evidence.custodian.id)
              .map((person) => ({ value: person.id, label: person.name }))}
            searchable
            required
            data-autofocus
            value={toUserId}
            error={errors.toUserId}
            onChange={setToUserId}
            nothingFoundMessage={t('common.nothingFound')}
          />
          <TextInput
            label={t('investigation.evidence.purpose')}
            required
            value={purpose}
            error={errors.purpose}
            onChange={(e) => setPurpose(e.currentTarget.value)}
          />
          <PasswordInput
            label={t('investigation.evidence.receiverPassword')}
            description={t('investigation.evidence.receiverPasswordHelp')}
            required
            autoComplete="off"
            value={receiverPassword}
            error={errors.receiverPassword}
            onChange={(e) => setReceiverPassword(e.currentTarget.value)}
            visibilityToggleButtonProps={{ 'aria-label': t('common.showPassword') }}
          />
        </>
      )}
    </CaseForm>
  );
}
