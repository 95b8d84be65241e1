import { Button, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AFTERCARE_KEY } from './api';
import { FormError } from './FormError';

/** One column of a record table: its heading and what each row shows in it. */
export type RecordColumn<T> = { label: ReactNode; cell: (row: T) => ReactNode; numeric?: boolean };

/** What a survivor record holds of one kind: a line saying there is none, or a table of it. */
export function RecordTable<T extends { id: string }>({
  caption,
  none,
  rows,
  columns,
}: {
  caption: string;
  none: string;
  rows: readonly T[];
  columns: readonly RecordColumn<T>[];
}) {
  if (rows.length === 0)
    return (
      <Text size="sm" className="dimmed">
        {none}
      </Text>
    );
  const align = (column: RecordColumn<T>) => (column.numeric ? 'right' : undefined);
  return (
    <Table fz="sm" verticalSpacing={4} striped>
      <Table.Caption>
        <VisuallyHidden>{caption}</VisuallyHidden>
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          {columns.map((column, index) => (
            <Table.Th key={index} ta={align(column)}>
              {column.label}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.id}>
            {columns.map((column, index) => (
              <Table.Td key={index} ta={align(column)}>
                {column.cell(row)}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** A form that adds to a survivor record: the error of its last submit, its fields, one button. */
export function RecordForm({
  label,
  submit,
  action,
  onSubmit,
  children,
}: {
  /** The form's accessible name. */
  label: string;
  /** The submit button's text. */
  submit: string;
  action: { error: unknown; pending: boolean };
  onSubmit: () => void;
  children: ReactNode;
}) {
  const handle = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form onSubmit={handle} noValidate aria-label={label}>
      <Stack gap="sm">
        <FormError error={action.error} />
        {children}
        <Group>
          <Button type="submit" variant="light" loading={action.pending}>
            {submit}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The buttons at the foot of a long form opened from a panel: save it, or close it unsaved. */
export function SaveOrCancel({
  save,
  pending,
  onCancel,
}: {
  save: string;
  pending: boolean;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Group gap="sm">
      <Button type="submit" loading={pending}>
        {save}
      </Button>
      <Button variant="subtle" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
    </Group>
  );
}

/**
 * Something read only when asked for and forgotten when hidden (the identity, therapy notes):
 * each showing is one audited reading; never cached, never kept in the page once hidden.
 */
export function useRevealed<T>(kind: string, survivorId: string, read: () => Promise<T>) {
  const client = useQueryClient();
  const [shown, setShown] = useState(false);
  const key = [AFTERCARE_KEY, kind, survivorId];
  const query = useQuery({ queryKey: key, queryFn: read, enabled: shown, gcTime: 0, staleTime: 0 });
  return {
    shown,
    query,
    show: () => setShown(true),
    hide: () => {
      setShown(false);
      client.removeQueries({ queryKey: key });
    },
  };
}

/** A long form kept behind a button: the button opens it; saving or cancelling closes it. */
export function FormBehindButton({
  allowed,
  label,
  form,
}: {
  allowed: boolean;
  label: string;
  form: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  if (open) return form(() => setOpen(false));
  if (!allowed) return null;
  return (
    <Button variant="light" className="fit-content" onClick={() => setOpen(true)}>
      {label}
    </Button>
  );
}
