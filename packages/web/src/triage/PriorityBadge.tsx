import { Badge, Group, Text, VisuallyHidden } from '@mantine/core';
import { IconClockExclamation } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DANGER } from '../app/theme';

/** The three levels: a filled red P1, an orange P2, a grey P3; always with the text, never colour alone. */
const LOOK = {
  1: { color: 'red.9', variant: 'filled' },
  2: { color: 'orange', variant: 'light' },
  3: { color: 'gray', variant: 'light' },
} as const;

export type PriorityLevel = keyof typeof LOOK;

export const priorityLevel = (level: number): PriorityLevel => (level === 1 || level === 2 ? level : 3);

export function PriorityBadge({ level, score }: { level: number; score?: number }) {
  const { t } = useTranslation();
  const known = priorityLevel(level);
  const look = LOOK[known];
  return (
    <Group gap={6} wrap="nowrap">
      <Badge color={look.color} variant={look.variant} radius="sm" className="priority-badge">
        <span aria-hidden>{t(`priority.short.${known}`)}</span>
        <VisuallyHidden>{t(`priority.long.${known}`)}</VisuallyHidden>
      </Badge>
      {score === undefined ? null : (
        <Text size="xs" className="dimmed" ff="monospace">
          <VisuallyHidden>{t('priority.score')} </VisuallyHidden>
          {score}
        </Text>
      )}
    </Group>
  );
}

/** A P1 nobody reviewed in time: an icon and the word, in red, so it stands out without colour too. */
export function OverdueMark() {
  const { t } = useTranslation();
  return (
    <Badge
      color={DANGER}
      variant="outline"
      radius="sm"
      leftSection={<IconClockExclamation size={14} aria-hidden />}
      className="overdue-badge"
    >
      {t('triage.overdue')}
    </Badge>
  );
}
