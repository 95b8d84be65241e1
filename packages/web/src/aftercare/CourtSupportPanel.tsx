import type { CourtSupportInput, SurvivorDetail } from '@bantay/core/aftercare/schema';
import {
  Button,
  Checkbox,
  Group,
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
import { useChoices } from './labels';

/** Hearings where the child testifies, and the protections asked for her or him. */
export function CourtSupportPanel({ survivor }: { survivor: SurvivorDetail }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  return (
    <Section id="survivor-court" title={t('aftercare.court.title')}>
      <Stack gap="sm">
        {survivor.courtSupport.length === 0 ? (
          <Text size="sm" className="dimmed">
            {t('aftercare.court.none')}
          </Text>
        ) : (
          <Table fz="sm" verticalSpacing={4} striped>
            <Table.Caption>
              <VisuallyHidden>{t('aftercare.court.title')}</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('aftercare.court.hearingAt')}</Table.Th>
                <Table.Th>{t('aftercare.court.court')}</Table.Th>
                <Table.Th>{t('aftercare.court.accommodations')}</Table.Th>
                <Table.Th>{t('aftercare.court.source')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {survivor.courtSupport.map((h) => (
                <Table.Tr key={h.id}>
                  <Table.Td>{format.dateTimeShort(h.hearingAt)}</Table.Td>
                  <Table.Td>{h.purpose ? `${h.court} — ${h.purpose}` : h.court}</Table.Td>
                  <Table.Td>
                    {h.accommodations.map((a) => t(`aftercare.accommodations.${a}`)).join(', ') ||
                      t('common.none')}
                  </Table.Td>
                  <Table.Td>{t(`aftercare.court.sources.${h.source}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
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
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The browser gives local time without a zone; the API takes an instant.
    const hearingAt = when ? new Date(when).toISOString() : '';
    save.run({ hearingAt, court, purpose, accommodations });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('aftercare.court.formTitle')}>
      <Stack gap="sm">
        <FormError error={save.error} />
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
        <Group>
          <Button type="submit" variant="light" loading={save.pending}>
            {t('aftercare.court.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
