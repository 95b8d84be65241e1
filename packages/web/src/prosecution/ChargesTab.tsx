import { APPEAL_STATUSES, OUTCOME_RESULTS } from '@bantay/core/prosecution/schema';
import {
  STATUTE_CATALOGUE,
  offenceKey,
  type QualifyingCircumstance,
} from '@bantay/core/prosecution/statutes';
import { Badge, Group, MultiSelect, NumberInput, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../app/format';
import { CaseForm, FormDialog, given } from '../cases/CaseForm';
import { prosecutionApi, type CourtCaseDetail } from './api';

const OFFENCES = STATUTE_CATALOGUE.offences.map((o) => ({
  value: offenceKey(o.statute, o.section),
  label: `${offenceKey(o.statute, o.section)} — ${o.title}`,
  offence: o,
}));

const accusedOptions = (item: CourtCaseDetail) => item.accused.map((a) => ({ value: a.id, label: a.name }));
export const chargeLabel = (item: CourtCaseDetail, chargeId: string): string => {
  const charge = item.charges.find((c) => c.id === chargeId);
  const accused = item.accused.find((a) => a.id === charge?.accusedId);
  return charge ? `${offenceKey(charge.statute, charge.section)} — ${accused?.name ?? ''}` : chargeId;
};

/** Files a charge: accused, an offence of the catalogue, counts, the circumstances that offence admits. */
function ChargeForm({ item, onDone }: { item: CourtCaseDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const [accusedId, setAccused] = useState<string | null>(item.accused[0]?.id ?? null);
  const [offence, setOffence] = useState<string | null>(null);
  const [counts, setCounts] = useState<number | string>(1);
  const [qualifying, setQualifying] = useState<string[]>([]);
  const chosen = OFFENCES.find((o) => o.value === offence)?.offence;
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
            data={OFFENCES.map(({ value, label }) => ({ value, label }))}
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
          <FormDialog buttonLabel={t('prosecution.charges.add')} title={t('prosecution.charges.add')}>
            {(close) => <ChargeForm item={item} onDone={close} />}
          </FormDialog>
        </Group>
      ) : null}
      {item.charges.length === 0 ? (
        <Text className="dimmed">{t('prosecution.charges.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table fz="sm" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('prosecution.accused')}</Table.Th>
                <Table.Th>{t('prosecution.charges.offence')}</Table.Th>
                <Table.Th ta="right">{t('prosecution.charges.counts')}</Table.Th>
                <Table.Th>{t('prosecution.charges.qualifying')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {item.charges.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{item.accused.find((a) => a.id === c.accusedId)?.name}</Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {offenceKey(c.statute, c.section)}
                    </Text>
                    <Text size="xs">{c.title}</Text>
                  </Table.Td>
                  <Table.Td ta="right">{c.counts}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {c.qualifying.map((q) => (
                        <Badge key={q} variant="outline" size="sm">
                          {t(`prosecution.qualifying.${q}`)}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
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
          <Select
            label={t('prosecution.outcomes.charge')}
            required
            allowDeselect={false}
            data={item.charges.map((c) => ({ value: c.id, label: chargeLabel(item, c.id) }))}
            value={chargeId}
            onChange={setCharge}
            error={errors.chargeId}
            data-autofocus
          />
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
  return (
    <Stack gap="md">
      {item.abilities.write && item.charges.length > 0 ? (
        <Group>
          <FormDialog buttonLabel={t('prosecution.outcomes.add')} title={t('prosecution.outcomes.add')}>
            {(close) => <OutcomeForm item={item} onDone={close} />}
          </FormDialog>
        </Group>
      ) : null}
      {item.outcomes.length === 0 ? (
        <Text className="dimmed">{t('prosecution.outcomes.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table fz="sm" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('prosecution.outcomes.charge')}</Table.Th>
                <Table.Th>{t('prosecution.outcomes.result')}</Table.Th>
                <Table.Th>{t('prosecution.outcomes.decidedOn')}</Table.Th>
                <Table.Th>{t('prosecution.outcomes.imprisonment')}</Table.Th>
                <Table.Th ta="right">{t('prosecution.outcomes.fine')}</Table.Th>
                <Table.Th ta="right">{t('prosecution.outcomes.damages')}</Table.Th>
                <Table.Th>{t('prosecution.outcomes.appeal')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {item.outcomes.map((o) => (
                <Table.Tr key={o.chargeId}>
                  <Table.Td>{chargeLabel(item, o.chargeId)}</Table.Td>
                  <Table.Td>{t(`prosecution.results.${o.result}`)}</Table.Td>
                  <Table.Td>{format.date(o.decidedOn)}</Table.Td>
                  <Table.Td>{o.imprisonment ?? t('common.none')}</Table.Td>
                  <Table.Td ta="right">{o.finePesos?.toLocaleString() ?? t('common.none')}</Table.Td>
                  <Table.Td ta="right">{o.civilDamagesPesos?.toLocaleString() ?? t('common.none')}</Table.Td>
                  <Table.Td>{t(`prosecution.appeals.${o.appealStatus}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
