import type { DecisionInput, ReportDetail } from '@bantay/core/triage/schema';
import { Button, Divider, Group, Paper, Radio, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconHandGrab } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../app/errors';
import { notify } from '../../app/notify';
import {
  TRIAGE_KEY,
  triageApi,
  useAnalysts,
  useUnits,
  type DecisionResult,
  type ReviewOutcome,
} from '../api';
import { NOBODY } from '../queue/BulkBar';
import { DecisionForm } from './DecisionForm';

const HEADING = 'report-actions';
const OUTCOMES = { upheld: 'upheld', reopened: 'reopened' } as const;

type ActionPanelProps = {
  report: ReportDetail;
  onDecided: (result: DecisionResult, input: DecisionInput) => void;
};

/** Only the actions the server says this user may take on this report (`abilities`). */
export function ActionPanel({ report, onDecided }: ActionPanelProps) {
  const { t } = useTranslation();
  const { abilities } = report;
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: [TRIAGE_KEY] });
  const units = useUnits(abilities.decide);
  if (!abilities.claim && !abilities.assign && !abilities.decide && !abilities.review) return null;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={HEADING}>
      <Title order={2} fz="h4" id={HEADING} mb="sm">
        {t('report.actions')}
      </Title>
      <Stack gap="md">
        {abilities.claim ? <ClaimButton report={report} onDone={refresh} /> : null}
        {abilities.assign ? <AssignForm report={report} onDone={refresh} /> : null}
        {abilities.decide ? (
          <>
            <Divider />
            <DecisionForm
              reportId={report.id}
              units={units.data ?? []}
              onDecided={async (result, input) => {
                onDecided(result, input);
                await refresh();
              }}
            />
          </>
        ) : null}
        {abilities.review ? (
          <>
            <Divider />
            <ReviewForm report={report} onDone={refresh} />
          </>
        ) : null}
      </Stack>
    </Paper>
  );
}

function ClaimButton({ report, onDone }: { report: ReportDetail; onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const claim = async () => {
    setBusy(true);
    try {
      await triageApi.claim(report.id);
      notify.success({ message: t('report.claimed') });
      await onDone();
    } catch (error) {
      notify.failure({ title: t('report.actionFailed'), message: errorText(t, error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap={4}>
      <Button
        leftSection={<IconHandGrab size={16} aria-hidden />}
        loading={busy}
        onClick={() => void claim()}
        className="fit-content"
      >
        {t('report.claim')}
      </Button>
      {report.assignee ? (
        <Text size="xs" className="dimmed">
          {t('report.claimFrom', { name: report.assignee.name })}
        </Text>
      ) : null}
    </Stack>
  );
}

function AssignForm({ report, onDone }: { report: ReportDetail; onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const analysts = useAnalysts();
  const [userId, setUserId] = useState<string | null>(report.assignee?.id ?? null);
  const [busy, setBusy] = useState(false);
  const assign = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await triageApi.assign(report.id, userId === NOBODY ? null : userId);
      notify.success({ message: t('report.assigned') });
      await onDone();
    } catch (error) {
      notify.failure({ title: t('report.actionFailed'), message: errorText(t, error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(event) => void assign(event)}>
      <Group gap="xs" align="flex-end">
        <Select
          label={t('report.assignTo')}
          placeholder={t('triage.bulk.chooseAnalyst')}
          data={[
            { value: NOBODY, label: t('triage.bulk.release') },
            ...(analysts.data ?? []).map((analyst) => ({ value: analyst.id, label: analyst.name })),
          ]}
          value={userId}
          onChange={setUserId}
          w={220}
        />
        <Button type="submit" variant="default" loading={busy} disabled={!userId}>
          {t('report.assign')}
        </Button>
      </Group>
    </form>
  );
}

function ReviewForm({ report, onDone }: { report: ReportDetail; onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<ReviewOutcome>('upheld');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const last = report.decisions[0];
  const review = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await triageApi.review(report.id, outcome, note.trim() || undefined);
      notify.success({ message: t(`review.done.${outcome}`) });
      await onDone();
    } catch (error) {
      notify.failure({ title: t('report.actionFailed'), message: errorText(t, error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(event) => void review(event)} aria-label={t('review.title')}>
      <Stack gap="sm">
        <Title order={3} fz="h5">
          {t('review.title')}
        </Title>
        {last ? (
          <Text size="sm">
            {t('review.of', { decision: t(`decisions.${last.decision}.label`), name: last.decidedBy.name })}
          </Text>
        ) : null}
        <Radio.Group
          value={outcome}
          onChange={(value) => setOutcome(value === 'reopened' ? 'reopened' : 'upheld')}
          label={t('review.outcome')}
        >
          <Stack gap={6} mt={6}>
            <Radio value={OUTCOMES.upheld} label={t('review.upheld')} description={t('review.upheldHelp')} />
            <Radio
              value={OUTCOMES.reopened}
              label={t('review.reopened')}
              description={t('review.reopenedHelp')}
            />
          </Stack>
        </Radio.Group>
        <Textarea
          label={t('review.note')}
          autosize
          minRows={2}
          maxLength={4000}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
        />
        <Button type="submit" loading={busy} className="fit-content">
          {t('review.submit')}
        </Button>
      </Stack>
    </form>
  );
}
