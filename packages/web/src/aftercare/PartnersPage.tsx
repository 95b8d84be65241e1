import type { Partner } from '@bantay/core/aftercare/schema';
import { Alert, Badge, Button, Loader, Modal, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../app/errors';
import { useDateFormat } from '../app/format';
import { Page } from '../app/Page';
import { useMe } from '../auth/session';
import { AftercareNav } from './AftercareNav';
import { usePartners } from './api';
import { PartnerForm } from './PartnerForm';

/** The directory of shelters, foster and community partners: accreditation, beds, who lives there. */
export function PartnersPage() {
  const { t } = useTranslation();
  const format = useDateFormat();
  const me = useMe();
  const canEdit = me.permissions.includes('aftercare:write');
  const partners = usePartners();
  // null: closed; 'new': a new partner; otherwise the partner being changed.
  const [editing, setEditing] = useState<Partner | 'new' | null>(null);
  const occupancy = (partner: Partner) =>
    partner.occupancy
      .map((o) => `${t(`aftercare.sexes.${o.sex}`)} ${t(`aftercare.ageBands.${o.ageBand}`)}: ${o.residents}`)
      .join('; ');
  return (
    <Page
      title={t('aftercare.partners.title')}
      description={t('aftercare.partners.intro')}
      actions={
        canEdit ? (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
            {t('aftercare.partners.add')}
          </Button>
        ) : null
      }
    >
      <AftercareNav />
      {partners.isError ? <Alert color="red">{errorText(t, partners.error)}</Alert> : null}
      {partners.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {partners.data?.length === 0 ? <Text className="dimmed">{t('aftercare.partners.none')}</Text> : null}
      {partners.data?.length ? (
        <Table.ScrollContainer minWidth={860}>
          <Table striped fz="sm" verticalSpacing="xs">
            <Table.Caption>
              <VisuallyHidden>{t('aftercare.partners.caption')}</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('aftercare.partners.name')}</Table.Th>
                <Table.Th>{t('aftercare.partners.kind')}</Table.Th>
                <Table.Th>{t('aftercare.partners.accreditation')}</Table.Th>
                <Table.Th ta="right">{t('aftercare.partners.occupied')}</Table.Th>
                <Table.Th>{t('aftercare.partners.occupancy')}</Table.Th>
                <Table.Th>{t('aftercare.partners.specialties')}</Table.Th>
                {canEdit ? (
                  <Table.Th>
                    <VisuallyHidden>{t('aftercare.partners.actions')}</VisuallyHidden>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {partners.data.map((partner) => (
                <Table.Tr key={partner.id}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {partner.name}
                    </Text>
                    <Text size="xs" className="dimmed">
                      {partner.location}
                    </Text>
                  </Table.Td>
                  <Table.Td>{t(`aftercare.partnerKinds.${partner.kind}`)}</Table.Td>
                  <Table.Td>
                    {t(`aftercare.accreditation.${partner.accreditationLevel}`)}
                    {partner.accreditationExpires ? (
                      <Text size="xs" className="dimmed">
                        {t('aftercare.partners.until', { date: format.date(partner.accreditationExpires) })}
                      </Text>
                    ) : null}
                    {partner.accreditationExpiring ? (
                      <Badge color="orange" variant="light" radius="sm">
                        {t('aftercare.partners.expiring')}
                      </Badge>
                    ) : null}
                    {partner.accreditationExpired ? (
                      <Badge color="red" variant="light" radius="sm">
                        {t('aftercare.partners.expired')}
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td ta="right" ff="monospace">
                    {t('aftercare.partners.ofBeds', { residents: partner.residents, beds: partner.beds })}
                  </Table.Td>
                  <Table.Td>{occupancy(partner) || t('common.none')}</Table.Td>
                  <Table.Td>
                    {partner.specialties.map((s) => t(`aftercare.specialties.${s}`)).join(', ') ||
                      t('common.none')}
                  </Table.Td>
                  {canEdit ? (
                    <Table.Td>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        aria-label={t('aftercare.partners.editTitle', { name: partner.name })}
                        onClick={() => setEditing(partner)}
                      >
                        {t('aftercare.partners.edit')}
                      </Button>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        title={
          editing && editing !== 'new'
            ? t('aftercare.partners.editTitle', { name: editing.name })
            : t('aftercare.partners.add')
        }
        size="lg"
      >
        {editing ? (
          <PartnerForm partner={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
        ) : null}
      </Modal>
    </Page>
  );
}
