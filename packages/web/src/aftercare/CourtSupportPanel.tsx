import type { CourtSupportInput, SurvivorDetail } from '@bantay/core/aftercare/schema';
import { Checkbox, Group, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../app/format';
import { Section } from '../triage/report/Section';
import { aftercareApi, useAftercareAction } from './api';
import { useChoices } from './labels';
import { RecordForm, RecordTable } from './RecordPanel';

/** Hearings where the child testifies, and the protections asked for her or him. */
export function CourtSupportPanel({ survivor }: { survivor: SurvivorDetail }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  return (
    <Section id="survivor-court" title={t('aftercare.court.title')}>
      <Stack gap="sm">
        <RecordTable
          caption={t('aftercare.court.title')}
          none={t('aftercare.court.none')}
          rows={survivor.courtSupport}
          columns={[
            { label: t('aftercare.court.hearingAt'), cell: (h) => format.dateTimeShort(h.hearingAt) },
            {
              label: t('aftercare.court.court'),
              cell: (h) => (h.purpose ? `${h.court} — ${h.purpose}` : h.court),
            },
            {
              label: t('aftercare.court.accommodations'),
              cell: (h) =>
                h.accommodations.map((a) => t(`aftercare.accommodations.${a}`)).join(', ') ||
                t('common.none'),
            },
            { label: t('aftercare.court.source'), cell: (h) => t(`aftercare.court.sources.${h.source}`) },
          ]}
        />
        {survivor.abilities.edit ? <CourtSupportForm survivorId={survivor.id} /> : null}
      </Stack>
    </Section>
  );
}

const isAccommodation = (value: string): value is CourtSupportInput['accommodations'][number] =>
  ['live_link', 'support_person', 'closed_court', 'screen', 'interpreter', 'recorded_testimony'].includes(
    value,
  );

function CourtSupportForm({ survivorId }: { survivorId: string }) {
  const { t } = useTranslation();
  const choices = useChoices();
  const [when, setWhen] = useState('');
  const [court, setCourt] = useState('');
  const [purpose, setPurpose] = useState('');
  const [accommodations, setAccommodations] = useState<CourtSupportInput['accommodations']>([
    'support_person',
  ]);
  const save = useAftercareAction((input: CourtSupportInput) => aftercareApi.courtSupport(survivorId, input));
  // The browser gives local time without a zone; the API takes an instant.
  const hearingAt = () => (when ? new Date(when).toISOString() : '');
  return (
    <RecordForm
      label={t('aftercare.court.formTitle')}
      submit={t('aftercare.court.submit')}
      action={save}
      onSubmit={() => save.run({ hearingAt: hearingAt(), court, purpose, accommodations })}
    >
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput
          type="datetime-local"
          label={t('aftercare.court.hearingAt')}
          value={when}
          onChange={(e) => setWhen(e.currentTarget.value)}
        />
        <TextInput
          label={t('aftercare.court.court')}
          value={court}
          maxLength={200}
          onChange={(e) => setCourt(e.currentTarget.value)}
        />
        <TextInput
          label={t('aftercare.court.purpose')}
          value={purpose}
          maxLength={500}
          onChange={(e) => setPurpose(e.currentTarget.value)}
        />
      </SimpleGrid>
      <Checkbox.Group
        label={t('aftercare.court.accommodations')}
        value={accommodations}
        onChange={(value) => setAccommodations(value.filter(isAccommodation))}
      >
        <Group gap="md" mt={4}>
          {choices.accommodations.map((option) => (
            <Checkbox key={option.value} value={option.value} label={option.label} />
          ))}
        </Group>
      </Checkbox.Group>
    </RecordForm>
  );
}
