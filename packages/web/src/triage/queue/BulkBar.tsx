import { CLOSE_REASONS, type CloseReason } from '@bantay/core/triage/schema';
import { Button, Group, Paper, Select, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../app/ConfirmDialog';
import { errorText } from '../../app/errors';
import { notify } from '../../app/notify';
import { TRIAGE_KEY, triageApi, useAnalysts, type BulkAction } from '../api';

const isCloseReason = (value: string): value is CloseReason =>
  (CLOSE_REASONS as readonly string[]).includes(value);

/** The choice "release to nobody" in an analyst list. */
export const NOBODY = 'nobody';

type BulkBarProps = { selected: string[]; onDone: () => void };

/** A supervisor's bulk work on the selected rows: assign them, or close them with a reason. */
export function BulkBar({ selected, onDone }: BulkBarProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const analysts = useAnalysts();
  const [assignee, setAssignee] = useState<string | null>(null);
  const [reason, setReason] = useState<CloseReason | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  const run = async (action: BulkAction) => {
    setBusy(true);
    try {
      const result = await triageApi.bulk(selected, action);
      if (result.failed.length === 0) {
        notify.success({ message: t('triage.bulk.done', { count: result.done }) });
      } else {
        notify.failure({
          title: t('triage.bulk.partly', { done: result.done, failed: result.failed.length }),
          message: result.failed.map((failure) => `${failure.id}: ${failure.message}`).join('\n'),
          autoClose: 30_000,
        });
      }
      onDone();
      await queryClient.invalidateQueries({ queryKey: [TRIAGE_KEY] });
    } catch (error) {
      notify.failure({ title: t('triage.bulk.failed'), message: errorText(t, error) });
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <Paper withBorder p="sm" className="bulk-bar" role="region" aria-label={t('triage.bulk.label')}>
      <Group gap="md" align="flex-end" wrap="wrap">
        <Text fw={600} aria-live="polite">
          {t('triage.bulk.selected', { count: selected.length })}
        </Text>
        <Group gap="xs" align="flex-end">
          <Select
            label={t('triage.bulk.assignTo')}
            placeholder={t('triage.bulk.chooseAnalyst')}
            data={[
              { value: NOBODY, label: t('triage.bulk.release') },
              ...(analysts.data ?? []).map((analyst) => ({ value: analyst.id, label: analyst.name })),
            ]}
            value={assignee}
            onChange={setAssignee}
            w={200}
          />
          <Button
            variant="default"
            disabled={!assignee}
            loading={busy}
            onClick={() => void run({ action: 'assign', userId: assignee === NOBODY ? null : assignee })}
          >
            {t('triage.bulk.assign')}
          </Button>
        </Group>
        <Group gap="xs" align="flex-end">
          <Select
            label={t('triage.bulk.closeReason')}
            placeholder={t('triage.bulk.chooseReason')}
            data={CLOSE_REASONS.map((value) => ({ value, label: t(`closeReasons.${value}`) }))}
            value={reason}
            onChange={(value) => setReason(value && isCloseReason(value) ? value : null)}
            w={210}
          />
          <Button variant="default" disabled={!reason} onClick={() => setConfirming(true)}>
            {t('triage.bulk.close')}
          </Button>
        </Group>
        <Button variant="subtle" onClick={onDone}>
          {t('triage.bulk.clear')}
        </Button>
      </Group>
      <ConfirmDialog
        opened={confirming}
        title={t('triage.bulk.confirmTitle', { count: selected.length })}
        message={
          reason
            ? t('triage.bulk.confirmMessage', { count: selected.length, reason: t(`closeReasons.${reason}`) })
            : ''
        }
        confirmLabel={t('triage.bulk.close')}
        danger
        busy={busy}
        onConfirm={() => reason && void run({ action: 'close', reason })}
        onCancel={() => setConfirming(false)}
      />
    </Paper>
  );
}
