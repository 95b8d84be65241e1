import type { ConferenceInput, FollowUpInput, SurvivorDetail } from '@bantay/core/aftercare/schema';
import { NativeSelect, Paper, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../app/format';
import { Section } from '../triage/report/Section';
import { aftercareApi, useAftercareAction } from './api';
import { today, useChoices } from './labels';
import { RecordForm, RecordTable } from './RecordPanel';

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
        <RecordTable
          caption={t('aftercare.followUp.title')}
          none={t('aftercare.followUp.none')}
          rows={survivor.followUps}
          columns={[
            { label: t('aftercare.followUp.kind'), cell: (f) => t(`aftercare.followUpKinds.${f.kind}`) },
            { label: t('aftercare.followUp.dueOn'), cell: (f) => format.date(f.dueOn) },
            {
              label: t('aftercare.followUp.doneOn'),
              cell: (f) => (f.doneOn ? format.date(f.doneOn) : t('aftercare.followUp.open')),
            },
            { label: t('aftercare.followUp.notes'), cell: (f) => f.notes ?? t('common.none') },
          ]}
        />
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
  return (
    <RecordForm
      label={t('aftercare.conference.formTitle')}
      submit={t('aftercare.conference.submit')}
      action={save}
      onSubmit={() => save.run(draft)}
    >
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
    </RecordForm>
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
  return (
    <RecordForm
      label={t('aftercare.followUp.formTitle')}
      submit={t('aftercare.followUp.submit')}
      action={save}
      onSubmit={() => save.run({ ...draft, notes: draft.notes?.trim() || undefined })}
    >
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
    </RecordForm>
  );
}
