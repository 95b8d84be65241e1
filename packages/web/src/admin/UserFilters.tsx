import { isRole } from '@bantay/core/access/roles';
import { USER_STATUSES, type Organisation } from '@bantay/core/admin/schema';
import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserFilters as Filters, UserStatus } from './api';
import { organisationOptions, roleOptions } from './options';

const isStatus = (value: string): value is UserStatus => (USER_STATUSES as readonly string[]).includes(value);

type UserFiltersProps = {
  filters: Filters;
  organisations: readonly Organisation[];
  onChange: (filters: Filters) => void;
};

export function UserFilters({ filters, organisations, onChange }: UserFiltersProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState(filters.q ?? '');
  const applySearch = useDebouncedCallback(
    (value: string) => onChange({ ...filters, q: value || undefined }),
    300,
  );

  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" role="search" aria-label={t('users.filters')}>
      <TextInput
        label={t('users.search')}
        placeholder={t('users.searchPlaceholder')}
        leftSection={<IconSearch size={16} aria-hidden />}
        type="search"
        value={q}
        onChange={(event) => {
          setQ(event.currentTarget.value);
          applySearch(event.currentTarget.value.trim());
        }}
      />
      <Select
        label={t('users.organisation')}
        placeholder={t('common.all')}
        data={organisationOptions(organisations, filters.organisationId)}
        searchable
        clearable
        nothingFoundMessage={t('common.nothingFound')}
        value={filters.organisationId ?? null}
        onChange={(value) => onChange({ ...filters, organisationId: value ?? undefined })}
      />
      <Select
        label={t('users.role')}
        placeholder={t('common.all')}
        data={roleOptions(t)}
        clearable
        value={filters.role ?? null}
        onChange={(value) => onChange({ ...filters, role: value && isRole(value) ? value : undefined })}
      />
      <Select
        label={t('users.status')}
        placeholder={t('common.all')}
        data={USER_STATUSES.map((status) => ({ value: status, label: t(`userStatus.${status}`) }))}
        clearable
        value={filters.status ?? null}
        onChange={(value) => onChange({ ...filters, status: value && isStatus(value) ? value : undefined })}
      />
    </SimpleGrid>
  );
}
