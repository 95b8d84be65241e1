import { Alert, Button, Loader, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../app/errors';
import { useDateFormat } from '../app/format';
import { Section } from '../triage/report/Section';
import { aftercareApi, useAftercareAction } from './api';
import { today } from './labels';
import { RecordForm, useRevealed } from './RecordPanel';

/** Therapy notes: encrypted, for the therapist role only, read on request (each reading audited). */
export function TherapyNotesPanel({ survivorId }: { survivorId: string }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const notes = useRevealed('therapy', survivorId, () => aftercareApi.therapyNotes(survivorId));
  return (
    <Section id="survivor-therapy" title={t('aftercare.therapy.title')}>
      <Stack gap="sm">
        <Text size="sm" className="dimmed">
          {t('aftercare.therapy.audited')}
        </Text>
        {notes.shown ? (
          <>
            {notes.query.isPending ? <Loader aria-label={t('common.loading')} /> : null}
            {notes.query.isError ? <Alert color="red">{errorText(t, notes.query.error)}</Alert> : null}
            {notes.query.data?.length === 0 ? <Text size="sm">{t('aftercare.therapy.none')}</Text> : null}
            {notes.query.data?.map((note) => (
              <Paper key={note.id} withBorder p="sm">
                <Text size="xs" className="dimmed">
                  {t('aftercare.therapy.byline', { on: format.date(note.heldOn), by: note.writtenBy })}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {note.note}
                </Text>
              </Paper>
            ))}
            <Button variant="subtle" className="fit-content" onClick={notes.hide}>
              {t('aftercare.therapy.hide')}
            </Button>
          </>
        ) : (
          <Button variant="light" className="fit-content" onClick={notes.show}>
            {t('aftercare.therapy.show')}
          </Button>
        )}
        <TherapyNoteForm survivorId={survivorId} />
      </Stack>
    </Section>
  );
}

function TherapyNoteForm({ survivorId }: { survivorId: string }) {
  const { t } = useTranslation();
  const [heldOn, setHeldOn] = useState(today());
  const [note, setNote] = useState('');
  const write = useAftercareAction(
    () => aftercareApi.writeTherapyNote(survivorId, { heldOn, note }),
    () => setNote(''),
  );
  return (
    <RecordForm
      label={t('aftercare.therapy.formTitle')}
      submit={t('aftercare.therapy.submit')}
      action={write}
      onSubmit={() => write.run(undefined)}
    >
      <TextInput
        type="date"
        label={t('aftercare.therapy.heldOn')}
        value={heldOn}
        maw={220}
        onChange={(e) => setHeldOn(e.currentTarget.value)}
      />
      <Textarea
        label={t('aftercare.therapy.note')}
        autosize
        minRows={3}
        maxLength={8000}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
      />
    </RecordForm>
  );
}
