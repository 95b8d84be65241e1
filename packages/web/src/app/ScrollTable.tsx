import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

type ScrollTableProps = { minWidth: number; label: string; children: ReactNode };

/**
 * A wide table with nothing focusable in it (no links, no buttons): its scroll area takes
 * the focus itself, so a keyboard user can scroll it sideways with the arrow keys.
 */
export function ScrollTable({ minWidth, label, children }: ScrollTableProps) {
  return (
    <Table.ScrollContainer
      minWidth={minWidth}
      scrollAreaProps={{ viewportProps: { tabIndex: 0, role: 'region', 'aria-label': label } }}
    >
      {children}
    </Table.ScrollContainer>
  );
}
