import type { DecisionInput } from '@bantay/core/triage/schema';
import { Alert, Anchor, Center, Grid, Group, Loader, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { errorText } from '../../app/errors';
import { Page } from '../../app/Page';
import { RelativeTime } from '../../app/RelativeTime';
import { useReport, type DecisionResult } from '../api';
import { ActionPanel } from './ActionPanel';
import { ClusterPanel } from './ClusterPanel';
import { DecisionHistory } from './DecisionHistory';
import { DeconflictionPanel } from './DeconflictionPanel';
import { FilesPanel } from './FilesPanel';
import { IdentifiersPanel } from './IdentifiersPanel';
import { LocationPanel } from './LocationPanel';
import { OriginalDocument } from './OriginalDocument';
import { PriorityReasons } from './PriorityReasons';
import { ReportSummary } from './ReportSummary';

const QUEUE_PATH = '/triage';
/** On a tablet the actions come after the report; this jumps there. */
const ACTIONS_ANCHOR = '#report-actions';

type Outcome = { result: DecisionResult; input: DecisionInput };

/** One report: why it is where it is, who and what it names, what it links to, and what to do. */
export default function ReportPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const report = useReport(id);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const back = (
    <Anchor component={Link} to={QUEUE_PATH} size="sm">
      <Group gap={4} wrap="nowrap">
        <IconArrowLeft size={16} aria-hidden />
        {t('report.backToQueue')}
      </Group>
    </Anchor>
  );

  if (report.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (report.isError) {
    const missing = isApiError(report.error) && report.error.status === 404;
    return (
      <Page title={missing ? t('report.notFoundTitle') : t('report.title', { reference: id })} actions={back}>
        <Alert color={missing ? 'gray' : 'red'}>
          {missing ? t('report.notFound') : errorText(t, report.error)}
        </Alert>
      </Page>
    );
  }

  const data = report.data;
  const { abilities } = data;
  const canAct = abilities.claim || abilities.assign || abilities.decide || abilities.review;
  return (
    <Page
      title={t('report.title', { reference: data.externalId })}
      description={
        <>
          {t('report.subtitle', { source: data.source, id: data.id })} ·{' '}
          <RelativeTime iso={data.receivedAt} />
        </>
      }
      actions={
        <>
          {canAct ? (
            <Anchor href={ACTIONS_ANCHOR} size="sm" hiddenFrom="lg">
              {t('report.toActions')}
            </Anchor>
          ) : null}
          {back}
        </>
      }
    >
      {outcome ? <DecisionOutcome outcome={outcome} /> : null}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <ReportSummary report={data} />
            <PriorityReasons report={data} />
            <IdentifiersPanel report={data} />
            <FilesPanel report={data} />
            <ClusterPanel report={data} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <ActionPanel report={data} onDecided={(result, input) => setOutcome({ result, input })} />
            <LocationPanel report={data} />
            <DeconflictionPanel report={data} />
            <DecisionHistory report={data} />
            {data.abilities.viewDocument ? (
              <OriginalDocument reportId={data.id} sha256={data.documentSha256} />
            ) : null}
          </Stack>
        </Grid.Col>
      </Grid>
    </Page>
  );
}

/** What the decision just did, in words that stay on the page (the case number to pass on). */
function DecisionOutcome({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation();
  const { result, input } = outcome;
  return (
    <Alert
      color="teal"
      icon={<IconCircleCheck aria-hidden />}
      title={t(`decisions.${input.decision}.done`)}
      role="status"
    >
      {result.caseNumber ? (
        <Text size="sm">
          {t('decision.caseOpened')}{' '}
          <Text component="span" ff="monospace" fw={700}>
            {result.caseNumber}
          </Text>
        </Text>
      ) : null}
    </Alert>
  );
}
