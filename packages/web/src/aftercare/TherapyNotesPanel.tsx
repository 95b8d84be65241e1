import { Alert, Button, Group, Loader, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../app/errors';
import { useDateFormat } from '../app/format';
import { Section } from '../triage/report/Section';
import { AFTERCARE_KEY, aftercareApi, useAftercareAction } from './api';
import { FormError } from './FormError';
import { today } from './labels';

/** Therapy notes: encrypted, for the therapist role only, read on request (each reading audited). */
export function TherapyNotesPanel({ survivorId }: { survivorId: string }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const client = useQueryClient();
  const [shown, setShown] = useState(false);
  const key = [AFTERCARE_KEY, 'therapy', survivorId];
  const notes = useQuery({
    queryKey: key,
    queryFn: () => aftercareApi.therapyNotes(survivorId),
    enabled: shown,
    gcTime: 0,
    staleTime: 0,
  });
  const hide = () => {
    setShown(false);
    client.removeQueries({ queryKey: key });
  };
  return (
    <Section id="survivor-therapy" title={t('aftercare.therapy.title')}>
      <Stack gap="sm">
        <Text size="sm" className="dimmed">
          {t('aftercare.therapy.audited')}
        </Text>
        {shown ? (
          <>
            {notes.isPending ? <Loader aria-label={t('common.loading')} /> : null}
            {notes.isError ? <Alert color="red">{errorText(t, notes.error)}</Alert> : null}
            {notes.data?.length === 0 ? <Text size="sm">{t('aftercare.therapy.none')}</Text> : null}
            {notes.data?.map((note) => (
              <Paper key={note.id} withBorder p="sm">
                <Text size="xs" className="dimmed">
                  {t('aftercare.therapy.byline', { on: format.date(note.heldOn), by: note.writtenBy })}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {note.note}
                </Text>
              </Paper>
            ))}
            <Button variant="subtle" className="fit-content" onClick={hide}>
              {t('aftercare.therapy.hide')}
            </Button>
          </>
        ) : (
          <Button variant="light" className="fit-content" onClick={() => setShown(true)}>
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
  const submit = (event: FormEvent) => {
    event.preventDefault();
    write.run(undefined);
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('aftercare.therapy.formTitle')}>
      <Stack gap="sm">
        <FormError error={write.error} />
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
        <Group>
          <Button type="submit" variant="light" loading={write.pending}>
            {t('aftercare.therapy.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
