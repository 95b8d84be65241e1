import {
  Alert,
  Anchor,
  Button,
  Center,
  Code,
  Group,
  Loader,
  Modal,
  Paper,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { IconArrowLeft, IconPlayerPlay, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../api/client';
import { errorText, errorWithDetail } from '../app/errors';
import { useDateFormat } from '../app/format';
import { notify } from '../app/notify';
import { Fact } from '../app/Fact';
import { Page } from '../app/Page';
import { DANGER } from '../app/theme';
import { TRIAGE_KEY } from '../triage/api';
import { INTAKE_KEY, intakeApi, useQuarantineDocument, type QuarantineDocument } from './api';
import { problemPlace } from './ImportSummary';

/** Formats a corrected document can be re-run in; hash-set entries are fixed by importing the set again. */
const REPORT_FORMATS = ['cybertipline-xml', 'referral-json', 'hotline-csv'];
const LIST_PATH = '/intake/quarantine';
const EDITOR_CLASSES = { input: 'document-editor' };

/** One quarantined document: read it (a recorded view), correct it and re-run it, or discard it. */
export default function QuarantineItemPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const item = useQuarantineDocument(id);
  const back = (
    <Anchor component={Link} to={LIST_PATH} size="sm">
      <Group gap={4} wrap="nowrap">
        <IconArrowLeft size={16} aria-hidden />
        {t('quarantine.back')}
      </Group>
    </Anchor>
  );
  if (item.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (item.isError) {
    const missing = isApiError(item.error) && item.error.status === 404;
    return (
      <Page title={t('quarantine.itemTitle')} actions={back}>
        <Alert color={missing ? 'gray' : 'red'}>
          {missing ? t('quarantine.notFound') : errorText(t, item.error)}
        </Alert>
      </Page>
    );
  }
  return (
    <Page title={t('quarantine.itemTitle')} description={t('quarantine.recordedView')} actions={back}>
      <QuarantineEditor item={item.data} />
    </Page>
  );
}

function QuarantineEditor({ item }: { item: QuarantineDocument }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const queryClient = useQueryClient();
  const [content, setContent] = useState(item.content);
  const [running, setRunning] = useState(false);
  const [problem, setProblem] = useState<{
    message: string;
    detail: string | null;
    field: string | null;
  } | null>(null);
  const [done, setDone] = useState<{ reportId: string; status: 'stored' | 'duplicate' } | null>(null);
  const [discarding, setDiscarding] = useState(false);
  const [discarded, setDiscarded] = useState(false);
  const status = done ? 'resolved' : discarded ? 'discarded' : item.status;
  const open = status === 'open';
  const rerunnable = REPORT_FORMATS.includes(item.format);
  // Not the document itself: reading it again would be one more recorded view.
  const refreshLists = async () => {
    await queryClient.invalidateQueries({ queryKey: [INTAKE_KEY, 'quarantine'] });
    await queryClient.invalidateQueries({ queryKey: [INTAKE_KEY, 'imports'] });
  };

  const rerun = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    setRunning(true);
    try {
      const result = await intakeApi.rerun(item.id, content);
      setDone(result);
      notify.success({ message: t(`quarantine.rerunDone.${result.status}`) });
      await refreshLists();
      await queryClient.invalidateQueries({ queryKey: [TRIAGE_KEY] });
    } catch (error) {
      setProblem({ ...errorWithDetail(t, error), field: isApiError(error) ? (error.field ?? null) : null });
    } finally {
      setRunning(false);
    }
  };

  return (
    <Stack gap="md">
      <Paper withBorder p="md">
        <dl className="facts facts-dense">
          <Fact label={t('quarantine.document')}>{item.externalId ?? t('quarantine.noReference')}</Fact>
          <Fact label={t('quarantine.source')}>
            {item.source} · {item.format}
          </Fact>
          <Fact label={t('intake.problem.reason')}>
            {item.message} <Code>{item.code}</Code>
          </Fact>
          <Fact label={t('intake.problem.where')}>{problemPlace(t, item) || t('common.none')}</Fact>
          <Fact label={t('quarantine.arrived')}>{format.dateTime(item.createdAt)}</Fact>
          <Fact label={t('quarantine.status')}>{t(`quarantine.statuses.${status}`)}</Fact>
        </dl>
        {item.resolvedReportId ? (
          <Anchor component={Link} to={`/triage/reports/${item.resolvedReportId}`} size="sm">
            {t('quarantine.openReport')}
          </Anchor>
        ) : null}
      </Paper>
      {done ? (
        <Alert color="teal" role="status" title={t(`quarantine.rerunDone.${done.status}`)}>
          <Anchor component={Link} to={`/triage/reports/${done.reportId}`}>
            {t('quarantine.openReport')}
          </Anchor>
        </Alert>
      ) : null}
      <form onSubmit={(event) => void rerun(event)} noValidate>
        <Stack gap="sm">
          <Title order={2} fz="h4">
            {t('quarantine.content')}
          </Title>
          <Text size="sm" className="dimmed">
            {rerunnable ? t('quarantine.contentHelp') : t('quarantine.hashSetHelp')}
          </Text>
          {problem ? (
            <Alert color="red" role="alert" title={t('quarantine.stillFails')}>
              {problem.detail ? null : <Text size="sm">{problem.message}</Text>}
              {problem.detail ? (
                <Text size="sm" ff="monospace" mt={4}>
                  {problem.detail}
                </Text>
              ) : null}
              {problem.field ? (
                <Text size="xs" mt={4}>
                  {t('quarantine.atField', { field: problem.field })}
                </Text>
              ) : null}
            </Alert>
          ) : null}
          <Textarea
            label={t('quarantine.editLabel')}
            value={content}
            onChange={(event) => setContent(event.currentTarget.value)}
            autosize
            minRows={12}
            maxRows={30}
            readOnly={!open || !rerunnable}
            spellCheck={false}
            classNames={EDITOR_CLASSES}
          />
          {open ? (
            <Group gap="sm">
              {rerunnable ? (
                <Button
                  type="submit"
                  loading={running}
                  leftSection={<IconPlayerPlay size={16} aria-hidden />}
                >
                  {t('quarantine.rerun')}
                </Button>
              ) : null}
              <Button
                variant="default"
                color={DANGER}
                leftSection={<IconTrash size={16} aria-hidden />}
                onClick={() => setDiscarding(true)}
              >
                {t('quarantine.discard')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </form>
      <Modal
        opened={discarding}
        onClose={() => setDiscarding(false)}
        title={t('quarantine.discardTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {discarding ? (
          <DiscardForm
            id={item.id}
            onDone={async () => {
              setDiscarding(false);
              setDiscarded(true);
              await refreshLists();
            }}
          />
        ) : null}
      </Modal>
    </Stack>
  );
}

function DiscardForm({ id, onDone }: { id: string; onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!note.trim()) {
      setError(t('quarantine.noteRequired'));
      return;
    }
    setBusy(true);
    try {
      await intakeApi.discard(id, note.trim());
      notify.success({ message: t('quarantine.discarded') });
      await onDone();
    } catch (caught) {
      setError(errorText(t, caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack>
        <Text size="sm">{t('quarantine.discardHelp')}</Text>
        <Textarea
          label={t('quarantine.note')}
          required
          data-autofocus
          autosize
          minRows={3}
          maxLength={2000}
          value={note}
          error={error}
          onChange={(event) => setNote(event.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button type="submit" color={DANGER} loading={busy}>
            {t('quarantine.discard')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
