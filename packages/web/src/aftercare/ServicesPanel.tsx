import { type ServiceSessionInput, type SurvivorDetail } from '@bantay/core/aftercare/schema';
import { NativeSelect, NumberInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../app/format';
import { Section } from '../triage/report/Section';
import { aftercareApi, useAftercareAction } from './api';
import { today, useChoices } from './labels';
import { RecordForm, RecordTable } from './RecordPanel';

/** Sessions delivered: counselling, therapy, medical, legal accompaniment, school, vocational. */
export function ServicesPanel({ survivor }: { survivor: SurvivorDetail }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  return (
    <Section id="survivor-services" title={t('aftercare.service.title')}>
      <Stack gap="sm">
        <RecordTable
          caption={t('aftercare.service.title')}
          none={t('aftercare.service.none')}
          rows={survivor.services}
          columns={[
            { label: t('aftercare.service.heldOn'), cell: (service) => format.date(service.heldOn) },
            {
              label: t('aftercare.service.kind'),
              cell: (service) => t(`aftercare.services.${service.kind}`),
            },
            { label: t('aftercare.service.provider'), cell: (service) => service.provider },
            {
              label: t('aftercare.service.minutes'),
              cell: (service) => service.minutes ?? t('common.none'),
              numeric: true,
            },
          ]}
        />
        {survivor.abilities.recordService ? <ServiceForm survivorId={survivor.id} /> : null}
      </Stack>
    </Section>
  );
}

function ServiceForm({ survivorId }: { survivorId: string }) {
  const { t } = useTranslation();
  const choices = useChoices();
  const [draft, setDraft] = useState<ServiceSessionInput>({
    kind: 'counselling',
    heldOn: today(),
    provider: '',
    minutes: 60,
  });
  const save = useAftercareAction((input: ServiceSessionInput) => aftercareApi.service(survivorId, input));
  const set = (patch: Partial<ServiceSessionInput>) => setDraft((current) => ({ ...current, ...patch }));
  return (
    <RecordForm
      label={t('aftercare.service.formTitle')}
      submit={t('aftercare.service.submit')}
      action={save}
      onSubmit={() => save.run(draft)}
    >
      <SimpleGrid cols={{ base: 1, sm: 4 }}>
        <NativeSelect
          label={t('aftercare.service.kind')}
          data={choices.services}
          value={draft.kind}
          onChange={(e) => set({ kind: e.currentTarget.value as ServiceSessionInput['kind'] })}
        />
        <TextInput
          type="date"
          label={t('aftercare.service.heldOn')}
          value={draft.heldOn}
          onChange={(e) => set({ heldOn: e.currentTarget.value })}
        />
        <TextInput
          label={t('aftercare.service.provider')}
          value={draft.provider}
          maxLength={200}
          onChange={(e) => set({ provider: e.currentTarget.value })}
        />
        <NumberInput
          label={t('aftercare.service.minutes')}
          min={5}
          max={600}
          value={draft.minutes ?? ''}
          onChange={(value) => set({ minutes: typeof value === 'number' ? value : null })}
        />
      </SimpleGrid>
    </RecordForm>
  );
}
