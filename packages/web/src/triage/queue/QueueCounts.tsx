import type { QueueResponse } from '@bantay/core/triage/schema';
import { Group, Text, UnstyledButton } from '@mantine/core';
import { IconClockExclamation } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

type QueueCountsProps = {
  counts: QueueResponse['counts'] | undefined;
  /** Shows only that level (or the overdue P1s). */
  onPick: (pick: 1 | 2 | 3 | 'overdue') => void;
};

/** Open reports by level, and overdue P1s: the first thing read at the start of a shift. */
export function QueueCounts({ counts, onPick }: QueueCountsProps) {
  const { t } = useTranslation();
  const boxes = [
    { pick: 1, className: 'count-box count-p1', label: t('triage.counts.p1'), value: counts?.p1 },
    { pick: 2, className: 'count-box count-p2', label: t('triage.counts.p2'), value: counts?.p2 },
    { pick: 3, className: 'count-box count-p3', label: t('triage.counts.p3'), value: counts?.p3 },
  ] as const;
  return (
    <Group gap="sm" wrap="wrap" role="group" aria-label={t('triage.counts.label')}>
      {boxes.map((box) => (
        <UnstyledButton key={box.pick} onClick={() => onPick(box.pick)} className={box.className}>
          <Text size="xs" fw={700} tt="uppercase">
            {box.label}
          </Text>
          <Text fz="xl" fw={700} ff="monospace">
            {box.value ?? '…'}
          </Text>
        </UnstyledButton>
      ))}
      <UnstyledButton
        onClick={() => onPick('overdue')}
        className={counts && counts.overdue > 0 ? 'count-box count-overdue' : 'count-box'}
      >
        <Group gap={4} wrap="nowrap">
          <IconClockExclamation size={14} aria-hidden />
          <Text size="xs" fw={700} tt="uppercase">
            {t('triage.counts.overdue')}
          </Text>
        </Group>
        <Text fz="xl" fw={700} ff="monospace">
          {counts?.overdue ?? '…'}
        </Text>
      </UnstyledButton>
    </Group>
  );
}
