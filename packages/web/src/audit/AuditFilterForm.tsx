import { AUDIT_ACTIONS, AUDIT_OUTCOMES, type AuditOutcome } from '@bantay/core/audit/schema';
import { Autocomplete, Button, Group, Select, SimpleGrid, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditFilters } from './api';
import { ACTION_FAMILIES, actionLabel, familyLabel, RECORD_TYPES } from './labels';

const isOutcome = (value: string): value is AuditOutcome =>
  (AUDIT_OUTCOMES as readonly string[]).includes(value);

/** ISO time → the value of a datetime-local input, in this device's time zone. */
export function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** The value of a datetime-local input (local time) → ISO time in UTC, or undefined. */
export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

type AuditFilterFormProps = { filters: AuditFilters; onSearch: (filters: AuditFilters) => void };

export function AuditFilterForm({ filters, onSearch }: AuditFilterFormProps) {
  const { t } = useTranslation();
  const [actorEmail, setActorEmail] = useState(filters.actorEmail ?? '');
  const [recordType, setRecordType] = useState(filters.recordType ?? '');
  const [recordId, setRecordId] = useState(filters.recordId ?? '');
  const [action, setAction] = useState<string | null>(filters.action ?? null);
  const [outcome, setOutcome] = useState<AuditOutcome | null>(filters.outcome ?? null);
  const [from, setFrom] = useState(toLocalInput(filters.from));
  const [to, setTo] = useState(toLocalInput(filters.to));
  const rangeBackwards = Boolean(from && to && from >= to);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (rangeBackwards) return;
    onSearch({
      actorEmail: actorEmail.trim() || undefined,
      recordType: recordType.trim() || undefined,
      recordId: recordId.trim() || undefined,
      action: action ?? undefined,
      outcome: outcome ?? undefined,
      from: fromLocalInput(from),
      to: fromLocalInput(to),
    });
  };

  const clear = () => {
    setActorEmail('');
    setRecordType('');
    setRecordId('');
    setAction(null);
    setOutcome(null);
    setFrom('');
    setTo('');
    onSearch({});
  };

  const actionData = [
    {
      group: t('audit.actionFamilies'),
      // A prefix selects a whole family of actions ("auth." = every sign-in and session event).
      items: ACTION_FAMILIES.map((family) => ({ value: `${family}.`, label: familyLabel(t, family) })),
    },
    {
      group: t('audit.actionsExact'),
      items: AUDIT_ACTIONS.map((value) => ({ value, label: actionLabel(t, value) })),
    },
  ];

  return (
    <form onSubmit={submit} role="search" aria-label={t('audit.filters')}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        <TextInput
          label={t('audit.actorEmail')}
          type="email"
          value={actorEmail}
          onChange={(event) => setActorEmail(event.currentTarget.value)}
        />
        <Autocomplete
          label={t('audit.recordType')}
          data={[...RECORD_TYPES]}
          value={recordType}
          onChange={setRecordType}
        />
        <TextInput
          label={t('audit.recordId')}
          value={recordId}
          onChange={(event) => setRecordId(event.currentTarget.value)}
        />
        <Select
          label={t('audit.action')}
          placeholder={t('common.all')}
          data={actionData}
          searchable
          clearable
          nothingFoundMessage={t('common.nothingFound')}
          value={action}
          onChange={setAction}
        />
        <Select
          label={t('audit.outcome')}
          placeholder={t('common.all')}
          data={AUDIT_OUTCOMES.map((value) => ({ value, label: t(`auditOutcomes.${value}`) }))}
          clearable
          value={outcome}
          onChange={(value) => setOutcome(value && isOutcome(value) ? value : null)}
        />
        <TextInput
          label={t('audit.from')}
          type="datetime-local"
          value={from}
          onChange={(event) => setFrom(event.currentTarget.value)}
        />
        <TextInput
          label={t('audit.to')}
          type="datetime-local"
          value={to}
          error={rangeBackwards ? t('audit.rangeBackwards') : undefined}
          onChange={(event) => setTo(event.currentTarget.value)}
        />
        <Group align="flex-end" gap="sm">
          <Button type="submit" leftSection={<IconSearch size={16} aria-hidden />}>
            {t('audit.search')}
          </Button>
          <Button variant="default" onClick={clear}>
            {t('audit.clear')}
          </Button>
        </Group>
      </SimpleGrid>
    </form>
  );
}
