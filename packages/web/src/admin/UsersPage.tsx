import { isRole } from '@bantay/core/access/roles';
import { USER_STATUSES, type User } from '@bantay/core/admin/schema';
import { Alert, Badge, Button, Loader, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { errorText } from '../app/errors';
import { useDateFormat } from '../app/format';
import { Page } from '../app/Page';
import { useOrganisations, useUsers, type UserFilters as Filters, type UserStatus } from './api';
import { UserActions } from './UserActions';
import { UserFilters } from './UserFilters';
import { UserFormModal } from './UserFormModal';
import { UserStatusBadge } from './UserStatusBadge';

/** The filters live in the address, so Back and a shared link show the same list. */
function filtersFrom(params: URLSearchParams): Filters {
  const role = params.get('role') ?? '';
  const status = params.get('status') ?? '';
  return {
    q: params.get('q') || undefined,
    organisationId: params.get('organisationId') || undefined,
    role: isRole(role) ? role : undefined,
    status: (USER_STATUSES as readonly string[]).includes(status) ? (status as UserStatus) : undefined,
  };
}

function paramsFrom(filters: Filters): Record<string, string> {
  return Object.fromEntries(
    Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
}

export default function UsersPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const users = useUsers(filters);
  const organisations = useOrganisations();
  const [editing, setEditing] = useState<User | null>(null);
  const [formOpen, setFormOpen] = useState(false);

  const openCreate = () => {
    setEditing(null);
    setFormOpen(true);
  };
  const openEdit = (user: User) => {
    setEditing(user);
    setFormOpen(true);
  };

  return (
    <Page
      title={t('users.title')}
      description={t('users.intro')}
      actions={
        <Button
          leftSection={<IconUserPlus size={18} aria-hidden />}
          onClick={openCreate}
          disabled={!organisations.data}
        >
          {t('users.new')}
        </Button>
      }
    >
      <UserFilters
        filters={filters}
        organisations={organisations.data ?? []}
        onChange={(next) => setParams(paramsFrom(next), { replace: true })}
      />
      {users.isError ? <Alert color="red">{errorText(t, users.error)}</Alert> : null}
      {users.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {users.data ? <UserTable users={users.data} onEdit={openEdit} /> : null}
      <UserFormModal
        opened={formOpen}
        user={editing}
        organisations={organisations.data ?? []}
        onClose={() => setFormOpen(false)}
      />
    </Page>
  );
}

function UserTable({ users, onEdit }: { users: User[]; onEdit: (user: User) => void }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  if (users.length === 0) return <Text className="dimmed">{t('users.none')}</Text>;
  return (
    <Stack gap="xs">
      <Text size="sm" className="dimmed" aria-live="polite">
        {t('users.count', { count: users.length })}
      </Text>
      <Table.ScrollContainer minWidth={860}>
        <Table striped highlightOnHover verticalSpacing="sm">
          <Table.Caption>
            <VisuallyHidden>{t('users.caption')}</VisuallyHidden>
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('users.columns.name')}</Table.Th>
              <Table.Th>{t('users.columns.role')}</Table.Th>
              <Table.Th>{t('users.columns.organisation')}</Table.Th>
              <Table.Th>{t('users.columns.status')}</Table.Th>
              <Table.Th>{t('users.columns.mfa')}</Table.Th>
              <Table.Th>{t('users.columns.lastSignIn')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('users.columns.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.map((user) => (
              <Table.Tr key={user.id}>
                <Table.Td>
                  <Text fw={500} size="sm">
                    {user.displayName}
                  </Text>
                  <Text size="xs" className="dimmed">
                    {user.email}
                  </Text>
                </Table.Td>
                <Table.Td>{t(`roles.${user.role}`)}</Table.Td>
                <Table.Td>
                  <Text size="sm">{user.organisation.name}</Text>
                  {user.unit ? (
                    <Text size="xs" className="dimmed">
                      {user.unit.name}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <UserStatusBadge status={user.status} />
                </Table.Td>
                <Table.Td>
                  <Badge color={user.mfaEnabled ? 'teal' : 'gray'} variant="dot">
                    {user.mfaEnabled ? t('account.mfaOn') : t('account.mfaOff')}
                  </Badge>
                </Table.Td>
                <Table.Td className="nowrap">
                  {user.lastSignInAt ? format.dateTimeShort(user.lastSignInAt) : t('users.never')}
                </Table.Td>
                <Table.Td>
                  <UserActions user={user} onEdit={onEdit} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
