import { Alert, Loader, Table, Text, VisuallyHidden, type TableProps } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from './errors';

/** One column of a table: its heading and what each row shows in it. */
export type Column<T> = {
  label: string;
  cell: (row: T) => ReactNode;
  numeric?: boolean;
  monospace?: boolean;
};

export type DataTableProps<T> = {
  rows: readonly T[];
  rowKey: (row: T, index: number) => string;
  /** Said instead of an empty table. */
  none: string;
  columns: readonly Column<T>[];
  /** Read out by screen readers only. */
  caption?: string;
  minWidth?: number;
} & Omit<TableProps, 'children' | 'caption'>;

/** Rows as a table that scrolls sideways, or a line saying there are none. */
export function DataTable<T>({
  rows,
  rowKey,
  none,
  columns,
  caption,
  minWidth = 720,
  ...tableProps
}: DataTableProps<T>) {
  if (rows.length === 0) return <Text className="dimmed">{none}</Text>;
  const align = (column: Column<T>) => (column.numeric ? 'right' : undefined);
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table fz="sm" striped {...tableProps}>
        {caption ? (
          <Table.Caption>
            <VisuallyHidden>{caption}</VisuallyHidden>
          </Table.Caption>
        ) : null}
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column.label} ta={align(column)}>
                {column.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, index) => (
            <Table.Tr key={rowKey(row, index)}>
              {columns.map((column) => (
                <Table.Td
                  key={column.label}
                  ta={align(column)}
                  ff={column.monospace ? 'monospace' : undefined}
                >
                  {column.cell(row)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The rows a query answers, as a DataTable; a spinner while it loads, the reason if it fails. */
export function QueryTable<T>({
  query,
  ...table
}: { query: UseQueryResult<readonly T[]> } & Omit<DataTableProps<T>, 'rows'>) {
  const { t } = useTranslation();
  if (query.isPending) return <Loader aria-label={t('common.loading')} />;
  if (query.isError) return <Alert color="red">{errorText(t, query.error)}</Alert>;
  return <DataTable rows={query.data} {...table} />;
}
