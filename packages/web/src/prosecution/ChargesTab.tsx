import { APPEAL_STATUSES, OUTCOME_RESULTS } from '@bantay/core/prosecution/schema';
import { offenceKey, type QualifyingCircumstance } from '@bantay/core/prosecution/statutes';
import { Group, MultiSelect, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../app/format';
import { CaseForm, given } from '../cases/CaseForm';
import { prosecutionApi, type CourtCaseDetail } from './api';
import { DataTable } from '../app/DataTable';
import { BadgeList, ChargeSelect, chargeLabel, DialogButton, OFFENCE_OPTIONS } from './CaseTable';

const accusedOptions = (item: CourtCaseDetail) => item.accused.map((a) => ({ value: a.id, label: a.name }));

/** Files a charge: accused, an offence of the catalogue, counts, the circumstances that offence admits. */
function ChargeForm({ item, onDone }: { item: CourtCaseDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const [accusedId, setAccused] = useState<string | null>(item.accused[0]?.id ?? null);
  const [offence, setOffence] = useState<string | null>(null);
  const [counts, setCounts] = useState<number | string>(1);
  const [qualifying, setQualifying] = useState<string[]>([]);
  const chosen = OFFENCE_OPTIONS.find((o) => o.value === offence)?.offence;
  return (
    <CaseForm
      label={t('prosecution.charges.add')}
      fields={['accusedId', 'statute', 'section', 'counts', 'qualifying'] as const}
      submitLabel={t('prosecution.charges.submit')}
      doneMessage={t('prosecution.charges.done')}
      send={() =>
        prosecutionApi.charge(item.id, {
          accusedId: accusedId ?? '',
          statute: chosen?.statute ?? '',
          section: chosen?.section ?? '',
          counts: Number(counts) || 1,
          qualifying: qualifying as QualifyingCircumstance[],
        })
      }
      onDone={onDone}
    >
      {(errors) => (
        <>
          <Select
            label={t('prosecution.accused')}
            required
            allowDeselect={false}
            data={accusedOptions(item)}
            value={accusedId}
            onChange={setAccused}
            error={errors.accusedId}
            data-autofocus
          />
          <Select
            label={t('prosecution.charges.offence')}
            required
            allowDeselect={false}
            searchable
            data={OFFENCE_OPTIONS.map(({ value, label }) => ({ value, label }))}
            value={offence}
            onChange={(value) => {
              setOffence(value);
              setQualifying([]);
            }}
            error={errors.statute ?? errors.section}
          />
          <NumberInput
            label={t('prosecution.charges.counts')}
            min={1}
            max={10000}
            value={counts}
            onChange={setCounts}
            error={errors.counts}
          />
          <MultiSelect
            searchable
            label={t('prosecution.charges.qualifying')}
            data={(chosen?.qualifying ?? []).map((q) => ({
              value: q,
              label: t(`prosecution.qualifying.${q}`),
            }))}
            value={qualifying}
            onChange={setQualifying}
            error={errors.qualifying}
          />
        </>
      )}
    </CaseForm>
  );
}

export function ChargesTab({ item }: { item: CourtCaseDetail }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      {item.abilities.write ? (
        <Group>
          <DialogButton
            label={t('prosecution.charges.add')}
            form={(close) => <ChargeForm item={item} onDone={close} />}
          />
        </Group>
      ) : null}
      <DataTable
        rows={item.charges}
        rowKey={(c) => c.id}
        none={t('prosecution.charges.none')}
        columns={[
          {
            label: t('prosecution.accused'),
            cell: (c) => item.accused.find((a) => a.id === c.accusedId)?.name,
          },
          {
            label: t('prosecution.charges.offence'),
            cell: (c) => (
              <>
                <Text size="sm" fw={600}>
                  {offenceKey(c.statute, c.section)}
                </Text>
                <Text size="xs">{c.title}</Text>
              </>
            ),
          },
          { label: t('prosecution.charges.counts'), cell: (c) => c.counts, numeric: true },
          {
            label: t('prosecution.charges.qualifying'),
            cell: (c) => (
              <BadgeList
                variant="outline"
                labels={c.qualifying.map((q) => t(`prosecution.qualifying.${q}`))}
              />
            ),
          },
        ]}
      />
    </Stack>
  );
}

/** Records the outcome of one charge: result, sentence, fine, civil damages, appeal. */
function OutcomeForm({ item, onDone }: { item: CourtCaseDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const [chargeId, setCharge] = useState<string | null>(item.charges[0]?.id ?? null);
  const [result, setResult] = useState<string | null>('conviction');
  const [decidedOn, setDecidedOn] = useState('');
  const [imprisonment, setImprisonment] = useState('');
  const [fine, setFine] = useState<number | string>('');
  const [damages, setDamages] = useState<number | string>('');
  const [appealStatus, setAppeal] = useState<string | null>('none');
  return (
    <CaseForm
      label={t('prosecution.outcomes.add')}
      fields={
        [
          'chargeId',
          'result',
          'decidedOn',
          'imprisonment',
          'finePesos',
          'civilDamagesPesos',
          'appealStatus',
        ] as const
      }
      submitLabel={t('prosecution.outcomes.submit')}
      doneMessage={t('prosecution.outcomes.done')}
      send={() =>
        prosecutionApi.outcome(item.id, {
          chargeId: chargeId ?? '',
          result: (result ?? 'conviction') as (typeof OUTCOME_RESULTS)[number],
          decidedOn,
          imprisonment: given(imprisonment),
          finePesos: fine === '' ? undefined : Number(fine),
          civilDamagesPesos: damages === '' ? undefined : Number(damages),
          appealStatus: (appealStatus ?? 'none') as (typeof APPEAL_STATUSES)[number],
        })
      }
      onDone={onDone}
    >
      {(errors) => (
        <>
          <ChargeSelect item={item} value={chargeId} onChange={setCharge} error={errors.chargeId} />
          <Select
            label={t('prosecution.outcomes.result')}
            required
            allowDeselect={false}
            data={OUTCOME_RESULTS.map((value) => ({ value, label: t(`prosecution.results.${value}`) }))}
            value={result}
            onChange={setResult}
            error={errors.result}
          />
          <TextInput
            type="date"
            label={t('prosecution.outcomes.decidedOn')}
            required
            value={decidedOn}
            onChange={(e) => setDecidedOn(e.currentTarget.value)}
            error={errors.decidedOn}
          />
          <TextInput
            label={t('prosecution.outcomes.imprisonment')}
            value={imprisonment}
            onChange={(e) => setImprisonment(e.currentTarget.value)}
            error={errors.imprisonment}
          />
          <NumberInput
            label={t('prosecution.outcomes.fine')}
            min={0}
            value={fine}
            onChange={setFine}
            error={errors.finePesos}
          />
          <NumberInput
            label={t('prosecution.outcomes.damages')}
            min={0}
            value={damages}
            onChange={setDamages}
            error={errors.civilDamagesPesos}
          />
          <Select
            label={t('prosecution.outcomes.appeal')}
            allowDeselect={false}
            data={APPEAL_STATUSES.map((value) => ({ value, label: t(`prosecution.appeals.${value}`) }))}
            value={appealStatus}
            onChange={setAppeal}
            error={errors.appealStatus}
          />
        </>
      )}
    </CaseForm>
  );
}

export function OutcomesTab({ item }: { item: CourtCaseDetail }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const pesos = (amount: number | null | undefined) => amount?.toLocaleString() ?? t('common.none');
  return (
    <Stack gap="md">
      {item.abilities.write && item.charges.length > 0 ? (
        <Group>
          <DialogButton
            label={t('prosecution.outcomes.add')}
            form={(close) => <OutcomeForm item={item} onDone={close} />}
          />
        </Group>
      ) : null}
      <DataTable
        rows={item.outcomes}
        rowKey={(o) => o.chargeId}
        none={t('prosecution.outcomes.none')}
        columns={[
          { label: t('prosecution.outcomes.charge'), cell: (o) => chargeLabel(item, o.chargeId) },
          { label: t('prosecution.outcomes.result'), cell: (o) => t(`prosecution.results.${o.result}`) },
          { label: t('prosecution.outcomes.decidedOn'), cell: (o) => format.date(o.decidedOn) },
          { label: t('prosecution.outcomes.imprisonment'), cell: (o) => o.imprisonment ?? t('common.none') },
          { label: t('prosecution.outcomes.fine'), cell: (o) => pesos(o.finePesos), numeric: true },
          {
            label: t('prosecution.outcomes.damages'),
            cell: (o) => pesos(o.civilDamagesPesos),
            numeric: true,
          },
          {
            label: t('prosecution.outcomes.appeal'),
            cell: (o) => t(`prosecution.appeals.${o.appealStatus}`),
          },
        ]}
      />
    </Stack>
  );
}
