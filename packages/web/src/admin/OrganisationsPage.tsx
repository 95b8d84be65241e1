import type { Organisation } from '@bantay/core/admin/schema';
import { Alert, Badge, Button, Group, Loader, Menu, Table, Text, VisuallyHidden } from '@mantine/core';
import {
  IconBuildingPlus,
  IconChevronDown,
  IconLock,
  IconLockOpen,
  IconPencil,
  IconPlus,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { errorText } from '../app/errors';
import { Page } from '../app/Page';
import { DANGER } from '../app/theme';
import { useMe } from '../auth/session';
import { ADMIN_KEY, adminApi, useOrganisations } from './api';
import { AddUnitModal } from './AddUnitModal';
import { OrganisationFormModal } from './OrganisationFormModal';
import { notify } from '../app/notify';

export default function OrganisationsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canEdit = me.permissions.includes('admin:organisations');
  const organisations = useOrganisations();
  const [formOpen, setFormOpen] = useState(false);
  const [editing, setEditing] = useState<Organisation | null>(null);
  const [addingUnitTo, setAddingUnitTo] = useState<Organisation | null>(null);

  return (
    <Page
      title={t('organisations.title')}
      description={t('organisations.intro')}
      actions={
        canEdit ? (
          <Button
            leftSection={<IconBuildingPlus size={18} aria-hidden />}
            onClick={() => {
              setEditing(null);
              setFormOpen(true);
            }}
          >
            {t('organisations.new')}
          </Button>
        ) : null
      }
    >
      {organisations.isError ? <Alert color="red">{errorText(t, organisations.error)}</Alert> : null}
      {organisations.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {organisations.data ? (
        <Table.ScrollContainer minWidth={820}>
          <Table striped verticalSpacing="sm">
            <Table.Caption>
              <VisuallyHidden>{t('organisations.caption')}</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('organisations.columns.name')}</Table.Th>
                <Table.Th>{t('organisations.columns.kind')}</Table.Th>
                <Table.Th>{t('organisations.columns.units')}</Table.Th>
                <Table.Th>{t('organisations.columns.users')}</Table.Th>
                <Table.Th>{t('organisations.columns.status')}</Table.Th>
                {canEdit ? (
                  <Table.Th>
                    <VisuallyHidden>{t('organisations.columns.actions')}</VisuallyHidden>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {organisations.data.map((organisation) => (
                <Table.Tr key={organisation.id}>
                  <Table.Td>
                    <Text fw={500} size="sm">
                      {organisation.name}
                    </Text>
                    <Text size="xs" className="dimmed">
                      {organisation.code} · {organisation.country}
                    </Text>
                  </Table.Td>
                  <Table.Td>{t(`organisationKinds.${organisation.kind}`)}</Table.Td>
                  <Table.Td>
                    {organisation.units.length === 0 ? (
                      <Text size="sm" className="dimmed">
                        {t('organisations.noUnits')}
                      </Text>
                    ) : (
                      <Group gap={4}>
                        {organisation.units.map((unit) => (
                          <Badge key={unit.id} variant="outline" color="gray" tt="none" fw={500}>
                            {unit.name}
                          </Badge>
                        ))}
                      </Group>
                    )}
                  </Table.Td>
                  <Table.Td>{organisation.userCount}</Table.Td>
                  <Table.Td>
                    <Badge color={organisation.disabled ? 'gray' : 'teal'} variant="dot">
                      {organisation.disabled ? t('organisations.disabled') : t('organisations.active')}
                    </Badge>
                  </Table.Td>
                  {canEdit ? (
                    <Table.Td>
                      <OrganisationActions
                        organisation={organisation}
                        onEdit={() => {
                          setEditing(organisation);
                          setFormOpen(true);
                        }}
                        onAddUnit={() => setAddingUnitTo(organisation)}
                      />
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <OrganisationFormModal opened={formOpen} organisation={editing} onClose={() => setFormOpen(false)} />
      <AddUnitModal organisation={addingUnitTo} onClose={() => setAddingUnitTo(null)} />
    </Page>
  );
}

type OrganisationActionsProps = { organisation: Organisation; onEdit: () => void; onAddUnit: () => void };

function OrganisationActions({ organisation, onEdit, onAddUnit }: OrganisationActionsProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  const setDisabled = async (disabled: boolean) => {
    setBusy(true);
    try {
      await adminApi.updateOrganisation(organisation.id, { disabled });
      notify.success({
        message: disabled
          ? t('organisations.disabledDone', { name: organisation.name })
          : t('organisations.enabledDone', { name: organisation.name }),
      });
      await queryClient.invalidateQueries({ queryKey: [ADMIN_KEY] });
    } catch (error) {
      notify.failure({ title: t('organisations.actionFailed'), message: errorText(t, error) });
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button
            size="xs"
            variant="default"
            loading={busy && !confirming}
            rightSection={<IconChevronDown size={14} aria-hidden />}
            aria-label={t('organisations.actionsFor', { name: organisation.name })}
          >
            {t('users.actionsButton')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<IconPencil size={16} aria-hidden />} onClick={onEdit}>
            {t('organisations.edit')}
          </Menu.Item>
          <Menu.Item leftSection={<IconPlus size={16} aria-hidden />} onClick={onAddUnit}>
            {t('organisations.addUnit')}
          </Menu.Item>
          {organisation.disabled ? (
            <Menu.Item
              leftSection={<IconLockOpen size={16} aria-hidden />}
              onClick={() => void setDisabled(false)}
            >
              {t('organisations.enable')}
            </Menu.Item>
          ) : (
            <Menu.Item
              color={DANGER}
              leftSection={<IconLock size={16} aria-hidden />}
              onClick={() => setConfirming(true)}
            >
              {t('organisations.disable')}
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
      <ConfirmDialog
        opened={confirming}
        title={t('organisations.confirmDisable.title', { name: organisation.name })}
        message={t('organisations.confirmDisable.message', { name: organisation.name })}
        confirmLabel={t('organisations.disable')}
        danger
        busy={busy}
        onConfirm={() => void setDisabled(true)}
        onCancel={() => setConfirming(false)}
      />
    </>
  );
}
