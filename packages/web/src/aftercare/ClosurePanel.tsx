import { type CLOSURE_REASONS, type ClosureInput, type SurvivorDetail } from '@bantay/core/aftercare/schema';
import { Button, Group, NativeSelect, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Section } from '../triage/report/Section';
import { aftercareApi, useAftercareAction } from './api';
import { FormError } from './FormError';
import { useChoices } from './labels';

/** Closing the record: the social worker asks, a supervisor (not the same person) decides. */
export function ClosurePanel({ survivor }: { survivor: SurvivorDetail }) {
  const { t } = useTranslation();
  const { abilities } = survivor;
  const decide = useAftercareAction((outcome: 'approve' | 'return') =>
    aftercareApi.decideClosure(survivor.id, { outcome }),
  );
  if (survivor.status === 'active' && !abilities.requestClosure) return null;
  return (
    <Section id="survivor-closure" title={t('aftercare.closure.title')}>
      <Stack gap="sm">
        {survivor.status !== 'active' && survivor.closureReason ? (
          <Text size="sm">
            {t('aftercare.closure.requested', {
              reason: t(
                `aftercare.closureReasons.${survivor.closureReason as (typeof CLOSURE_REASONS)[number]}`,
              ),
              by: survivor.closureRequestedBy ?? '',
              note: survivor.closureNote ?? '',
            })}
          </Text>
        ) : null}
        {abilities.requestClosure ? <ClosureForm survivorId={survivor.id} /> : null}
        {abilities.approveClosure ? (
          <>
            <FormError error={decide.error} />
            <Group gap="sm">
              <Button onClick={() => decide.run('approve')} loading={decide.pending}>
                {t('aftercare.closure.approve')}
              </Button>
              <Button variant="subtle" onClick={() => decide.run('return')} disabled={decide.pending}>
                {t('aftercare.closure.reopen')}
              </Button>
            </Group>
          </>
        ) : null}
      </Stack>
    </Section>
  );
}

function ClosureForm({ survivorId }: { survivorId: string }) {
  const { t } = useTranslation();
  const choices = useChoices();
  const [draft, setDraft] = useState<ClosureInput>({ reason: 'restored', note: '' });
  const request = useAftercareAction((input: ClosureInput) => aftercareApi.requestClosure(survivorId, input));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    request.run(draft);
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('aftercare.closure.formTitle')}>
      <Stack gap="sm">
        <FormError error={request.error} />
        <NativeSelect
          label={t('aftercare.closure.reason')}
          data={choices.closureReasons}
          value={draft.reason}
          maw={320}
          onChange={(e) =>
            setDraft((d) => ({ ...d, reason: e.currentTarget.value as ClosureInput['reason'] }))
          }
        />
        <Textarea
          label={t('aftercare.closure.note')}
          autosize
          minRows={2}
          maxLength={2000}
          value={draft.note}
          onChange={(e) => setDraft((d) => ({ ...d, note: e.currentTarget.value }))}
        />
        <Group>
          <Button type="submit" variant="light" color="orange" loading={request.pending}>
            {t('aftercare.closure.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
