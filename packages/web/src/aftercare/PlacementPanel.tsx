import type { SurvivorDetail } from '@bantay/core/aftercare/schema';
import { Badge, Button, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useDateFormat } from '../app/format';
import { Section } from '../triage/report/Section';
import {
  AFTERCARE_PATH,
  aftercareApi,
  useAftercareAction,
  useAftercareOrganisations,
  usePartners,
} from './api';
import { FormError } from './FormError';
import { RecordForm, RecordTable } from './RecordPanel';

/** Where the child lives and has lived; a move or a transfer of the case to another office. */
export function PlacementPanel({ survivor }: { survivor: SurvivorDetail }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  return (
    <Section id="survivor-placements" title={t('aftercare.placement.title')}>
      <Stack gap="sm">
        <RecordTable
          caption={t('aftercare.placement.history')}
          none={t('aftercare.placement.none')}
          rows={survivor.placements}
          columns={[
            { label: t('aftercare.placement.partner'), cell: (p) => p.partner },
            { label: t('aftercare.placement.from'), cell: (p) => format.date(p.startedAt) },
            {
              label: t('aftercare.placement.to'),
              cell: (p) => (p.endedAt ? format.date(p.endedAt) : t('aftercare.placement.current')),
            },
            {
              label: t('aftercare.placement.days'),
              numeric: true,
              cell: (p) => (
                <>
                  {p.days}{' '}
                  {p.longStay ? (
                    <Badge color="orange" variant="light" radius="sm">
                      {t('aftercare.placement.longStay')}
                    </Badge>
                  ) : null}
                </>
              ),
            },
          ]}
        />
        {survivor.transfers.map((transfer) => (
          <Text key={transfer.at} size="sm">
            {t('aftercare.transfer.line', {
              from: transfer.from,
              to: transfer.to,
              at: format.date(transfer.at),
            })}
          </Text>
        ))}
        {survivor.abilities.place ? <PlaceForm survivorId={survivor.id} /> : null}
        {survivor.abilities.transfer ? <TransferForm survivorId={survivor.id} /> : null}
      </Stack>
    </Section>
  );
}

function PlaceForm({ survivorId }: { survivorId: string }) {
  const { t } = useTranslation();
  const partners = usePartners();
  const [partnerId, setPartnerId] = useState('');
  const [reason, setReason] = useState('');
  const place = useAftercareAction(() =>
    aftercareApi.place(survivorId, { partnerId, reason: reason.trim() || undefined }),
  );
  return (
    <RecordForm
      label={t('aftercare.placement.formTitle')}
      submit={t('aftercare.placement.submit')}
      action={place}
      onSubmit={() => place.run(undefined)}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect
          label={t('aftercare.placement.partner')}
          data={[
            { value: '', label: t('aftercare.choose') },
            ...(partners.data ?? []).map((p) => ({
              value: p.id,
              label: t('aftercare.placement.partnerOption', {
                name: p.name,
                residents: p.residents,
                beds: p.beds,
              }),
            })),
          ]}
          value={partnerId}
          onChange={(e) => setPartnerId(e.currentTarget.value)}
        />
        <TextInput
          label={t('aftercare.placement.reason')}
          value={reason}
          maxLength={1000}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
      </SimpleGrid>
    </RecordForm>
  );
}

function TransferForm({ survivorId }: { survivorId: string }) {
  const { t } = useTranslation();
  const organisations = useAftercareOrganisations();
  const navigate = useNavigate();
  const [organisationId, setOrganisationId] = useState('');
  // Once the case is with the other office, this one no longer sees it.
  const transfer = useAftercareAction(
    () => aftercareApi.transfer(survivorId, { organisationId }),
    () => void navigate(AFTERCARE_PATH),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    transfer.run(undefined);
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('aftercare.transfer.formTitle')}>
      <Stack gap="sm">
        <FormError error={transfer.error} />
        <Group align="flex-end" gap="sm">
          <NativeSelect
            label={t('aftercare.transfer.organisation')}
            description={t('aftercare.transfer.help')}
            data={[
              { value: '', label: t('aftercare.choose') },
              ...(organisations.data ?? []).map((o) => ({ value: o.id, label: o.name })),
            ]}
            value={organisationId}
            onChange={(e) => setOrganisationId(e.currentTarget.value)}
          />
          <Button type="submit" variant="subtle" color="orange" loading={transfer.pending}>
            {t('aftercare.transfer.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
