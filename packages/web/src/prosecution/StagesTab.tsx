import { STAGE_KINDS, type StageKind } from '@bantay/core/prosecution/schema';
import { offenceKey } from '@bantay/core/prosecution/statutes';
import { Badge, Group, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../app/format';
import { CaseForm } from '../cases/CaseForm';
import { localToIso, prosecutionApi, type CourtCaseDetail } from './api';
import { ChargeSelect, chargeLabel, DialogButton, OFFENCE_OPTIONS } from './CaseTable';

const CLOCK_COLOURS = { ok: 'teal', warning: 'orange', overdue: 'red' } as const;

function StageForm({ item, onDone }: { item: CourtCaseDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const next = STAGE_KINDS.find((k) => !item.stages.some((s) => s.kind === k)) ?? 'appeal';
  const [kind, setKind] = useState<string | null>(next);
  const [at, setAt] = useState('');
  return (
    <CaseForm
      label={t('prosecution.stagesTab.record')}
      fields={['kind', 'at'] as const}
      submitLabel={t('prosecution.stagesTab.submit')}
      doneMessage={t('prosecution.stagesTab.done')}
      check={() => (localToIso(at) ? {} : { at: t('investigation.form.time') })}
      send={() => prosecutionApi.stage(item.id, (kind ?? next) as StageKind, localToIso(at))}
      onDone={onDone}
    >
      {(errors) => (
        <>
          <Select
            label={t('prosecution.stage')}
            required
            allowDeselect={false}
            data={STAGE_KINDS.map((value) => ({ value, label: t(`prosecution.stages.${value}`) }))}
            value={kind}
            onChange={setKind}
            error={errors.kind}
            data-autofocus
          />
          <TextInput
            type="datetime-local"
            label={t('prosecution.stagesTab.at')}
            required
            value={at}
            onChange={(e) => setAt(e.currentTarget.value)}
            error={errors.at}
          />
        </>
      )}
    </CaseForm>
  );
}

function PleaForm({ item, onDone }: { item: CourtCaseDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const [chargeId, setCharge] = useState<string | null>(item.charges[0]?.id ?? null);
  const [lesser, setLesser] = useState<string | null>(null);
  const [agreedOn, setAgreedOn] = useState('');
  const [terms, setTerms] = useState('');
  const offence = OFFENCE_OPTIONS.find((o) => o.value === lesser)?.offence;
  return (
    <CaseForm
      label={t('prosecution.plea.record')}
      fields={['chargeId', 'lesserStatute', 'lesserSection', 'agreedOn', 'terms'] as const}
      submitLabel={t('prosecution.plea.submit')}
      doneMessage={t('prosecution.plea.done')}
      send={() =>
        prosecutionApi.plea(item.id, {
          chargeId: chargeId ?? '',
          accusedId: item.charges.find((c) => c.id === chargeId)?.accusedId ?? '',
          lesserStatute: offence?.statute ?? '',
          lesserSection: offence?.section ?? '',
          agreedOn,
          terms,
        })
      }
      onDone={onDone}
    >
      {(errors) => (
        <>
          <ChargeSelect item={item} value={chargeId} onChange={setCharge} error={errors.chargeId} />
          <Select
            label={t('prosecution.plea.lesser')}
            required
            allowDeselect={false}
            searchable
            data={OFFENCE_OPTIONS.map(({ value, label }) => ({ value, label }))}
            value={lesser}
            onChange={setLesser}
            error={errors.lesserStatute ?? errors.lesserSection}
          />
          <TextInput
            type="date"
            label={t('prosecution.plea.agreedOn')}
            required
            value={agreedOn}
            onChange={(e) => setAgreedOn(e.currentTarget.value)}
            error={errors.agreedOn}
          />
          <Textarea
            label={t('prosecution.plea.terms')}
            required
            autosize
            minRows={3}
            value={terms}
            onChange={(e) => setTerms(e.currentTarget.value)}
            error={errors.terms}
          />
        </>
      )}
    </CaseForm>
  );
}

/** The stages reached with their dates, the legal clocks still running, and plea agreements. */
export function StagesTab({ item }: { item: CourtCaseDetail }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  return (
    <Stack gap="md">
      {item.abilities.write ? (
        <Group>
          <DialogButton
            label={t('prosecution.stagesTab.record')}
            form={(close) => <StageForm item={item} onDone={close} />}
          />
          {item.charges.length > 0 ? (
            <DialogButton
              label={t('prosecution.plea.record')}
              form={(close) => <PleaForm item={item} onDone={close} />}
            />
          ) : null}
        </Group>
      ) : null}
      <Title order={2} fz="h4">
        {t('prosecution.clocks.title')}
      </Title>
      {item.clocks.length === 0 ? (
        <Text className="dimmed">{t('prosecution.clocks.none')}</Text>
      ) : (
        <Group gap="sm">
          {item.clocks.map((c) => (
            <Badge key={c.kind} color={CLOCK_COLOURS[c.state]} variant="light" radius="sm">
              {t(`prosecution.clocks.kinds.${c.kind}`)}: {t(`prosecution.clocks.states.${c.state}`)} ·{' '}
              {t('prosecution.clocks.due', { at: format.dateTimeShort(c.dueAt) })}
            </Badge>
          ))}
        </Group>
      )}
      <Table fz="sm" striped>
        <Table.Caption>{t('prosecution.stagesTab.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('prosecution.stage')}</Table.Th>
            <Table.Th>{t('prosecution.stagesTab.at')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {STAGE_KINDS.map((kind) => {
            const stage = item.stages.find((s) => s.kind === kind);
            return (
              <Table.Tr key={kind}>
                <Table.Td>{t(`prosecution.stages.${kind}`)}</Table.Td>
                <Table.Td>{stage ? format.dateTimeShort(stage.at) : t('common.none')}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Title order={2} fz="h4">
        {t('prosecution.plea.title')}
      </Title>
      {item.pleas.length === 0 ? (
        <Text className="dimmed">{t('prosecution.plea.none')}</Text>
      ) : (
        item.pleas.map((p) => (
          <Stack key={p.id} gap={2}>
            <Text size="sm" fw={600}>
              {chargeLabel(item, p.chargeId)} → {offenceKey(p.lesserStatute, p.lesserSection)} (
              {format.date(p.agreedOn)})
            </Text>
            <Text size="sm">{p.terms}</Text>
          </Stack>
        ))
      )}
    </Stack>
  );
}
