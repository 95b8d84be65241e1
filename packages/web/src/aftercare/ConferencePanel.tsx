import type { ConferenceInput, FollowUpInput, SurvivorDetail } from '@bantay/core/aftercare/schema';
import {
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
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

/** Multi-disciplinary case conferences, and follow-ups (also after reintegration). */
export function ConferencePanel({ survivor }: { survivor: SurvivorDetail }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  return (
    <Section id="survivor-conferences" title={t('aftercare.conference.title')}>
      <Stack gap="sm">
        {survivor.conferences.length === 0 ? (
          <Text size="sm" className="dimmed">
            {t('aftercare.conference.none')}
          </Text>
        ) : (
          survivor.conferences.map((c) => (
            <Paper key={c.id} withBorder p="sm">
              <Text size="xs" className="dimmed">
                {t('aftercare.conference.byline', {
                  on: format.date(c.heldOn),
                  by: c.recordedBy,
                  participants: c.participants,
                })}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {c.notes}
              </Text>
              {c.decisions ? (
                <Text size="sm" fw={600}>
                  {t('aftercare.conference.decisionsLine', { decisions: c.decisions })}
                </Text>
              ) : null}
            </Paper>
          ))
        )}
        {survivor.abilities.edit ? <ConferenceForm survivorId={survivor.id} /> : null}
        <Text fw={650}>{t('aftercare.followUp.title')}</Text>
        {survivor.followUps.length === 0 ? (
          <Text size="sm" className="dimmed">
            {t('aftercare.followUp.none')}
          </Text>
        ) : (
          <Table fz="sm" verticalSpacing={4} striped>
            <Table.Caption>
              <VisuallyHidden>{t('aftercare.followUp.title')}</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('aftercare.followUp.kind')}</Table.Th>
                <Table.Th>{t('aftercare.followUp.dueOn')}</Table.Th>
                <Table.Th>{t('aftercare.followUp.doneOn')}</Table.Th>
                <Table.Th>{t('aftercare.followUp.notes')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {survivor.followUps.map((f) => (
                <Table.Tr key={f.id}>
                  <Table.Td>{t(`aftercare.followUpKinds.${f.kind}`)}</Table.Td>
                  <Table.Td>{format.date(f.dueOn)}</Table.Td>
                  <Table.Td>{f.doneOn ? format.date(f.doneOn) : t('aftercare.followUp.open')}</Table.Td>
                  <Table.Td>{f.notes ?? t('common.none')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {survivor.abilities.followUp ? <FollowUpForm survivorId={survivor.id} /> : null}
      </Stack>
    </Section>
  );
}

function ConferenceForm({ survivorId }: { survivorId: string }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<ConferenceInput>({
    heldOn: today(),
    participants: '',
    notes: '',
    decisions: '',
  });
  const save = useAftercareAction((input: ConferenceInput) => aftercareApi.conference(survivorId, input));
  const set = (patch: Partial<ConferenceInput>) => setDraft((d) => ({ ...d, ...patch }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.run(draft);
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('aftercare.conference.formTitle')}>
      <Stack gap="sm">
        <FormError error={save.error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            type="date"
            label={t('aftercare.conference.heldOn')}
            value={draft.heldOn}
            onChange={(e) => set({ heldOn: e.currentTarget.value })}
          />
          <TextInput
            label={t('aftercare.conference.participants')}
            description={t('aftercare.conference.participantsHelp')}
            value={draft.participants}
            maxLength={1000}
            onChange={(e) => set({ participants: e.currentTarget.value })}
          />
        </SimpleGrid>
        <Textarea
          label={t('aftercare.conference.notes')}
          autosize
          minRows={2}
          maxLength={8000}
          value={draft.notes}
          onChange={(e) => set({ notes: e.currentTarget.value })}
        />
        <Textarea
          label={t('aftercare.conference.decisions')}
          autosize
          minRows={1}
          maxLength={4000}
          value={draft.decisions}
          onChange={(e) => set({ decisions: e.currentTarget.value })}
        />
        <Group>
          <Button type="submit" variant="light" loading={save.pending}>
            {t('aftercare.conference.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function FollowUpForm({ survivorId }: { survivorId: string }) {
  const { t } = useTranslation();
  const choices = useChoices();
  const [draft, setDraft] = useState<FollowUpInput>({
    kind: 'home_visit',
    dueOn: today(),
    doneOn: null,
    notes: '',
  });
  const save = useAftercareAction((input: FollowUpInput) => aftercareApi.followUp(survivorId, input));
  const set = (patch: Partial<FollowUpInput>) => setDraft((d) => ({ ...d, ...patch }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.run({ ...draft, notes: draft.notes?.trim() || undefined });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('aftercare.followUp.formTitle')}>
      <Stack gap="sm">
        <FormError error={save.error} />
        <SimpleGrid cols={{ base: 1, sm: 4 }}>
          <NativeSelect
            label={t('aftercare.followUp.kind')}
            data={choices.followUpKinds}
            value={draft.kind}
            onChange={(e) => set({ kind: e.currentTarget.value as FollowUpInput['kind'] })}
          />
          <TextInput
            type="date"
            label={t('aftercare.followUp.dueOn')}
            value={draft.dueOn}
            onChange={(e) => set({ dueOn: e.currentTarget.value })}
          />
          <TextInput
            type="date"
            label={t('aftercare.followUp.doneOn')}
            value={draft.doneOn ?? ''}
            onChange={(e) => set({ doneOn: e.currentTarget.value || null })}
          />
          <TextInput
            label={t('aftercare.followUp.notes')}
            value={draft.notes ?? ''}
            maxLength={4000}
            onChange={(e) => set({ notes: e.currentTarget.value })}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" variant="light" loading={save.pending}>
            {t('aftercare.followUp.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
