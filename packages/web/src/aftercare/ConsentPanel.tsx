import { type ConsentInput, type SurvivorDetail } from '@bantay/core/aftercare/schema';
import { Button, Checkbox, NativeSelect, SimpleGrid, Stack, TextInput, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../app/format';
import { Section } from '../triage/report/Section';
import { aftercareApi, useAftercareAction, useAftercareOrganisations } from './api';
import { FormError } from './FormError';
import { useChoices } from './labels';
import { RecordForm, RecordTable } from './RecordPanel';

/** Consents given or refused: services, information sharing, disclosure to an organisation. */
export function ConsentPanel({ survivor }: { survivor: SurvivorDetail }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const withdraw = useAftercareAction(aftercareApi.withdrawConsent);
  return (
    <Section id="survivor-consents" title={t('aftercare.consent.title')}>
      <Stack gap="sm">
        <RecordTable
          caption={t('aftercare.consent.title')}
          none={t('aftercare.consent.none')}
          rows={survivor.consents}
          columns={[
            { label: t('aftercare.consent.kind'), cell: (c) => t(`aftercare.consentKinds.${c.kind}`) },
            {
              label: t('aftercare.consent.answer'),
              cell: (c) => (c.given ? t('aftercare.consent.given') : t('aftercare.consent.refused')),
            },
            { label: t('aftercare.consent.givenBy'), cell: (c) => t(`aftercare.consentGivers.${c.givenBy}`) },
            { label: t('aftercare.consent.recipient'), cell: (c) => c.recipient ?? t('common.none') },
            {
              label: t('aftercare.consent.recorded'),
              cell: (c) => `${format.dateTimeShort(c.recordedAt)} · ${c.recordedBy}`,
            },
            ...(survivor.abilities.edit
              ? [
                  {
                    label: <VisuallyHidden>{t('aftercare.consent.actions')}</VisuallyHidden>,
                    cell: (c: SurvivorDetail['consents'][number]) =>
                      c.given && !c.withdrawnAt ? (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color="red"
                          onClick={() => withdraw.run(c.id)}
                        >
                          {t('aftercare.consent.withdraw')}
                        </Button>
                      ) : null,
                  },
                ]
              : []),
          ]}
        />
        <FormError error={withdraw.error} />
        {survivor.abilities.edit ? <ConsentForm survivorId={survivor.id} /> : null}
      </Stack>
    </Section>
  );
}

function ConsentForm({ survivorId }: { survivorId: string }) {
  const { t } = useTranslation();
  const choices = useChoices();
  const organisations = useAftercareOrganisations();
  const [draft, setDraft] = useState<ConsentInput>({ kind: 'services', given: true, givenBy: 'guardian' });
  const record = useAftercareAction((input: ConsentInput) => aftercareApi.consent(survivorId, input));
  const set = (patch: Partial<ConsentInput>) => setDraft((current) => ({ ...current, ...patch }));
  return (
    <RecordForm
      label={t('aftercare.consent.formTitle')}
      submit={t('aftercare.consent.submit')}
      action={record}
      onSubmit={() =>
        record.run({
          ...draft,
          recipientOrganisationId: draft.kind === 'disclosure' ? draft.recipientOrganisationId : undefined,
          note: draft.note?.trim() || undefined,
        })
      }
    >
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <NativeSelect
          label={t('aftercare.consent.kind')}
          data={choices.consentKinds}
          value={draft.kind}
          onChange={(e) => set({ kind: e.currentTarget.value as ConsentInput['kind'] })}
        />
        <NativeSelect
          label={t('aftercare.consent.givenBy')}
          data={choices.consentGivers}
          value={draft.givenBy}
          onChange={(e) => set({ givenBy: e.currentTarget.value as ConsentInput['givenBy'] })}
        />
        {draft.kind === 'disclosure' ? (
          <NativeSelect
            label={t('aftercare.consent.recipient')}
            data={[
              { value: '', label: t('aftercare.choose') },
              ...(organisations.data ?? []).map((o) => ({ value: o.id, label: o.name })),
            ]}
            value={draft.recipientOrganisationId ?? ''}
            onChange={(e) => set({ recipientOrganisationId: e.currentTarget.value || undefined })}
          />
        ) : null}
      </SimpleGrid>
      <Checkbox
        label={t('aftercare.consent.givenCheck')}
        checked={draft.given}
        onChange={(e) => set({ given: e.currentTarget.checked })}
      />
      <TextInput
        label={t('aftercare.consent.note')}
        value={draft.note ?? ''}
        maxLength={1000}
        onChange={(e) => set({ note: e.currentTarget.value })}
      />
    </RecordForm>
  );
}
