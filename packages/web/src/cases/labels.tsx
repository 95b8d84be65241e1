import type { CaseStatus as Status } from '@bantay/core/cases/schema';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const STATUS_COLOURS: Record<Status, string> = { referred: 'orange', open: 'teal', closed: 'gray' };

export function CaseStatus({ status }: { status: Status }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOURS[status]} variant="light" radius="sm">
      {t(`caseStatuses.${status}`)}
    </Badge>
  );
}

/** Select options for the members of a catalogue, labelled in the user's language. */
export function options<T extends string>(members: readonly T[], label: (member: T) => string) {
  return members.map((member) => ({ value: member, label: label(member) }));
}

/** Narrows a Select's value to a member of the catalogue. */
export function member<T extends string>(members: readonly T[], value: string | null): T | null {
  return value !== null && (members as readonly string[]).includes(value) ? (value as T) : null;
}
