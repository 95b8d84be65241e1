import { type ServiceSessionInput, type SurvivorDetail } from '@bantay/core/aftercare/schema';
import {
  Button,
  Group,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../app/format';
import { Section } from '../triage/report/Section';
import { aftercareApi, useAftercareAction } from './api';
import { FormError } from './FormError';
import { today, useChoices } from './labels';

/** Sessions delivered: counselling, therapy, medical, legal accompaniment, school, vocational. */
export function ServicesPanel({ survivor }: { survivor: SurvivorDetail }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  return (
    <Section id="survivor-services" title={t('aftercare.service.title')}>
      <Stack gap="sm">
        {survivor.services.length === 0 ? (
          <Text size="sm" className="dimmed">
            {t('aftercare.service.none')}
          </Text>
        ) : (
          <Table fz="sm" verticalSpacing={4} striped>
            <Table.Caption>
              <VisuallyHidden>{t('aftercare.service.title')}</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('aftercare.service.heldOn')}</Table.Th>
                <Table.Th>{t('aftercare.service.kind')}</Table.Th>
                <Table.Th>{t('aftercare.service.provider')}</Table.Th>
                <Table.Th ta="right">{t('aftercare.service.minutes')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {survivor.services.map((service) => (
                <Table.Tr key={service.id}>
                  <Table.Td>{format.date(service.heldOn)}</Table.Td>
                  <Table.Td>{t(`aftercare.services.${service.kind}`)}</Table.Td>
                  <Table.Td>{service.provider}</Table.Td>
                  <Table.Td ta="right">{service.minutes ?? t('common.none')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
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
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.run(draft);
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('aftercare.service.formTitle')}>
      <Stack gap="sm">
        <FormError error={save.error} />
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
        <Group>
          <Button type="submit" variant="light" loading={save.pending}>
            {t('aftercare.service.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
