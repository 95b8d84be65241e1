import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** One fact of a record: label over value, inside a `<dl className="facts">`. */
export function Fact({
  label,
  children,
  mono = false,
}: {
  label: string;
  children: ReactNode;
  mono?: boolean;
}) {
  return (
    <div>
      <Text component="dt" size="xs" fw={700} className="dimmed">
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} className={mono ? 'hash-value' : undefined}>
        {children}
      </Text>
    </div>
  );
}
