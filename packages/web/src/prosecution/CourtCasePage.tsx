import { Alert, Badge, Group, Loader, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { errorText } from '../app/errors';
import { Fact } from '../app/Fact';
import { useDateFormat } from '../app/format';
import { Page } from '../app/Page';
import { BackLink, RecordPage } from '../app/RecordPage';
import { actionLabel } from '../audit/labels';
import { PROSECUTION_PATH, useCourtCase, useCourtTimeline, type CourtCaseDetail } from './api';
import { ChargesTab, OutcomesTab } from './ChargesTab';
import { HearingsTab } from './HearingsTab';
import { StagesTab } from './StagesTab';

const TABS = ['summary', 'charges', 'stages', 'hearings', 'outcomes', 'timeline'] as const;
type CourtTab = (typeof TABS)[number];
const isTab = (value: string | null): value is CourtTab =>
  (TABS as readonly (string | null)[]).includes(value);

/** Who, where, and what came from the investigation (read-only). */
function SummaryTab({ item }: { item: CourtCaseDetail }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  return (
    <Stack gap="md">
      <dl className="facts">
        <Fact label={t('prosecution.courtName')}>
          {item.courtName} ({t(`prosecution.courtKinds.${item.courtKind}`)})
        </Fact>
        <Fact label={t('prosecution.judge')}>{item.judge ?? t('common.none')}</Fact>
        <Fact label={t('prosecution.prosecutors')}>{item.prosecutors.map((p) => p.name).join(', ')}</Fact>
        <Fact label={t('prosecution.privateProsecutor')}>{item.privateProsecutor ?? t('common.none')}</Fact>
        <Fact label={t('prosecution.investigation')}>{item.investigationNumber ?? t('common.none')}</Fact>
      </dl>
      <Title order={2} fz="h4">
        {t('prosecution.accused')}
      </Title>
      <Group gap="xs">
        {item.accused.map((a) => (
          <Badge key={a.id} variant="light" size="lg">
            {a.name}
          </Badge>
        ))}
      </Group>
      {item.victims.length > 0 ? (
        <Text size="sm">
          {t('prosecution.victims')}:{' '}
          <span className="mono">{item.victims.map((v) => v.code).join(', ')}</span>
        </Text>
      ) : null}
      <Title order={2} fz="h4">
        {t('prosecution.evidence')}
      </Title>
      {item.evidence.length === 0 ? (
        <Text className="dimmed">{t('common.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table fz="sm" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('prosecution.evidenceNumber')}</Table.Th>
                <Table.Th>{t('prosecution.evidenceDescription')}</Table.Th>
                <Table.Th>{t('investigation.hash.sha256')}</Table.Th>
                <Table.Th>{t('prosecution.acquiredAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {item.evidence.map((e) => (
                <Table.Tr key={e.number}>
                  <Table.Td ff="monospace">{e.number}</Table.Td>
                  <Table.Td>{e.description}</Table.Td>
                  <Table.Td ff="monospace">{e.sha256?.slice(0, 16) ?? t('common.none')}</Table.Td>
                  <Table.Td>{format.date(e.acquiredAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Title order={2} fz="h4">
        {t('prosecution.legalRequests')}
      </Title>
      {item.legalRequests.length === 0 ? (
        <Text className="dimmed">{t('common.none')}</Text>
      ) : (
        <Stack gap={2}>
          {item.legalRequests.map((l, i) => (
            <Text key={i} size="sm">
              {l.kind.toUpperCase()} · {l.status} · {l.reference ?? t('common.none')} · {l.court ?? ''}
            </Text>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function TimelineTab({ item }: { item: CourtCaseDetail }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const timeline = useCourtTimeline(item.id);
  if (timeline.isPending) return <Loader aria-label={t('common.loading')} />;
  if (timeline.isError) return <Alert color="red">{errorText(t, timeline.error)}</Alert>;
  return (
    <Table fz="sm" striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('investigation.timeline.when')}</Table.Th>
          <Table.Th>{t('investigation.timeline.who')}</Table.Th>
          <Table.Th>{t('investigation.timeline.what')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {timeline.data.map((entry, i) => (
          <Table.Tr key={i}>
            <Table.Td>{format.dateTime(entry.at)}</Table.Td>
            <Table.Td>{entry.actor ?? t('common.none')}</Table.Td>
            <Table.Td>{actionLabel(t, entry.action)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function TabPanel({ item, tab }: { item: CourtCaseDetail; tab: CourtTab }) {
  switch (tab) {
    case 'summary':
      return <SummaryTab item={item} />;
    case 'charges':
      return <ChargesTab item={item} />;
    case 'stages':
      return <StagesTab item={item} />;
    case 'hearings':
      return <HearingsTab item={item} />;
    case 'outcomes':
      return <OutcomesTab item={item} />;
    case 'timeline':
      return <TimelineTab item={item} />;
  }
}

/** One court case: a header and a tab for each part of the work; the tab is in the address. */
export function CourtCasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const found = useCourtCase(id);
  const requested = search.get('tab');
  const tab: CourtTab = isTab(requested) ? requested : 'summary';
  const back = <BackLink to={PROSECUTION_PATH} label={t('prosecution.back')} />;
  const choose = (value: string | null) => {
    if (isTab(value)) setSearch(value === 'summary' ? {} : { tab: value }, { replace: true });
  };
  return (
    <RecordPage
      found={found}
      back={back}
      errorTitle={() => t('prosecution.title')}
      notFound={t('prosecution.notFound')}
    >
      {(item) => <CourtCaseView item={item} tab={tab} onTab={choose} back={back} />}
    </RecordPage>
  );
}

function CourtCaseView({
  item,
  tab,
  onTab,
  back,
}: {
  item: CourtCaseDetail;
  tab: CourtTab;
  onTab: (value: string | null) => void;
  back: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Page
      title={t('prosecution.caseHeading', { docket: item.docketNumber })}
      description={item.title}
      actions={back}
    >
      <Tabs value={tab} onChange={onTab} keepMounted={false}>
        <Tabs.List aria-label={t('prosecution.tabs.label')}>
          {TABS.map((value) => (
            <Tabs.Tab key={value} value={value}>
              {t(`prosecution.tabs.${value}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {TABS.map((value) => (
          <Tabs.Panel key={value} value={value} pt="md">
            {value === tab ? <TabPanel item={item} tab={value} /> : null}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Page>
  );
}
