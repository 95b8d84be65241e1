import type { SurvivorDetail } from '@bantay/core/aftercare/schema';
import {
  Badge,
  Button,
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

/** Where the child lives and has lived; a move or a transfer of the case to another office. */
export function PlacementPanel({ survivor }: { survivor: SurvivorDetail }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  return (
    <Section id="survivor-placements" title={t('aftercare.placement.title')}>
      <Stack gap="sm">
        {survivor.placements.length === 0 ? (
          <Text size="sm" className="dimmed">
            {t('aftercare.placement.none')}
          </Text>
        ) : (
          <Table fz="sm" verticalSpacing={4} striped>
            <Table.Caption>
              <VisuallyHidden>{t('aftercare.placement.history')}</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('aftercare.placement.partner')}</Table.Th>
                <Table.Th>{t('aftercare.placement.from')}</Table.Th>
                <Table.Th>{t('aftercare.placement.to')}</Table.Th>
                <Table.Th ta="right">{t('aftercare.placement.days')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {survivor.placements.map((placement) => (
                <Table.Tr key={placement.id}>
                  <Table.Td>{placement.partner}</Table.Td>
                  <Table.Td>{format.date(placement.startedAt)}</Table.Td>
                  <Table.Td>
                    {placement.endedAt ? format.date(placement.endedAt) : t('aftercare.placement.current')}
                  </Table.Td>
                  <Table.Td ta="right">
                    {placement.days}{' '}
                    {placement.longStay ? (
                      <Badge color="orange" variant="light" radius="sm">
                        {t('aftercare.placement.longStay')}
                      </Badge>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
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
  const submit = (event: FormEvent) => {
    event.preventDefault();
    place.run(undefined);
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('aftercare.placement.formTitle')}>
      <Stack gap="sm">
        <FormError error={place.error} />
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
        <Group>
          <Button type="submit" variant="light" loading={place.pending}>
            {t('aftercare.placement.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
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
