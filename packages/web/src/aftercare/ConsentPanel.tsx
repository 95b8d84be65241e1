import { type ConsentInput, type SurvivorDetail } from '@bantay/core/aftercare/schema';
import {
  Button,
  Checkbox,
  Group,
  NativeSelect,
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
import { aftercareApi, useAftercareAction, useAftercareOrganisations } from './api';
import { FormError } from './FormError';
import { useChoices } from './labels';

/** Consents given or refused: services, information sharing, disclosure to an organisation. */
export function ConsentPanel({ survivor }: { survivor: SurvivorDetail }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const withdraw = useAftercareAction(aftercareApi.withdrawConsent);
  return (
    <Section id="survivor-consents" title={t('aftercare.consent.title')}>
      <Stack gap="sm">
        {survivor.consents.length === 0 ? (
          <Text size="sm" className="dimmed">
            {t('aftercare.consent.none')}
          </Text>
        ) : (
          <Table fz="sm" verticalSpacing={4} striped>
            <Table.Caption>
              <VisuallyHidden>{t('aftercare.consent.title')}</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('aftercare.consent.kind')}</Table.Th>
                <Table.Th>{t('aftercare.consent.answer')}</Table.Th>
                <Table.Th>{t('aftercare.consent.givenBy')}</Table.Th>
                <Table.Th>{t('aftercare.consent.recipient')}</Table.Th>
                <Table.Th>{t('aftercare.consent.recorded')}</Table.Th>
                {survivor.abilities.edit ? (
                  <Table.Th>
                    <VisuallyHidden>{t('aftercare.consent.actions')}</VisuallyHidden>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {survivor.consents.map((consent) => (
                <Table.Tr key={consent.id}>
                  <Table.Td>{t(`aftercare.consentKinds.${consent.kind}`)}</Table.Td>
                  <Table.Td>
                    {consent.given ? t('aftercare.consent.given') : t('aftercare.consent.refused')}
                  </Table.Td>
                  <Table.Td>{t(`aftercare.consentGivers.${consent.givenBy}`)}</Table.Td>
                  <Table.Td>{consent.recipient ?? t('common.none')}</Table.Td>
                  <Table.Td>
                    {format.dateTimeShort(consent.recordedAt)} · {consent.recordedBy}
                  </Table.Td>
                  {survivor.abilities.edit ? (
                    <Table.Td>
                      {consent.given && !consent.withdrawnAt ? (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color="red"
                          onClick={() => withdraw.run(consent.id)}
                        >
                          {t('aftercare.consent.withdraw')}
                        </Button>
                      ) : null}
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
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
  const submit = (event: FormEvent) => {
    event.preventDefault();
    record.run({
      ...draft,
      recipientOrganisationId: draft.kind === 'disclosure' ? draft.recipientOrganisationId : undefined,
      note: draft.note?.trim() || undefined,
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('aftercare.consent.formTitle')}>
      <Stack gap="sm">
        <FormError error={record.error} />
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
        <Group>
          <Button type="submit" variant="light" loading={record.pending}>
            {t('aftercare.consent.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
