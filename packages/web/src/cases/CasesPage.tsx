import {
  Alert,
  Anchor,
  Badge,
  Center,
  Group,
  Loader,
  Stack,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useParams } from 'react-router';
import { isApiError } from '../api/client';
import { errorText } from '../app/errors';
import { Fact } from '../app/Fact';
import { useDateFormat } from '../app/format';
import { NotFoundPage } from '../app/guards';
import { Page } from '../app/Page';
import { RelativeTime } from '../app/RelativeTime';
import { useMe } from '../auth/session';
import { PriorityBadge } from '../triage/PriorityBadge';
import { useCase, useCases, type CaseSummary } from './api';

const CASE_ROUTE = ':id';
const CASES_PATH = '/cases';
const REPORTS_HEADING = 'case-reports';

const STATUS_COLOURS: Record<CaseSummary['status'], string> = {
  referred: 'orange',
  open: 'teal',
  closed: 'gray',
};

/** The cases of the user's unit, and each case's reports. The investigations module builds on it. */
export default function CasesPage() {
  return (
    <Routes>
      <Route index element={<CaseList />} />
      <Route path={CASE_ROUTE} element={<CasePage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function CaseStatus({ status }: { status: CaseSummary['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOURS[status]} variant="light" radius="sm">
      {t(`caseStatuses.${status}`)}
    </Badge>
  );
}

function CaseList() {
  const { t } = useTranslation();
  const me = useMe();
  const cases = useCases();
  return (
    <Page
      title={t('cases.title')}
      description={me.user.unit ? t('cases.introUnit', { unit: me.user.unit.name }) : t('cases.introNoUnit')}
    >
      {cases.isError ? <Alert color="red">{errorText(t, cases.error)}</Alert> : null}
      {cases.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {cases.data?.length === 0 ? <Text className="dimmed">{t('cases.none')}</Text> : null}
      {cases.data?.length ? (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover fz="sm" verticalSpacing="xs">
            <Table.Caption>
              <VisuallyHidden>{t('cases.caption')}</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('cases.number')}</Table.Th>
                <Table.Th>{t('cases.caseTitle')}</Table.Th>
                <Table.Th>{t('cases.status')}</Table.Th>
                <Table.Th ta="right">{t('cases.reports')}</Table.Th>
                <Table.Th>{t('cases.opened')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cases.data.map((row) => (
                <Table.Tr key={row.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/cases/${row.id}`} ff="monospace" fw={600}>
                      {row.number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{row.title}</Table.Td>
                  <Table.Td>
                    <CaseStatus status={row.status} />
                  </Table.Td>
                  <Table.Td ta="right" ff="monospace">
                    {row.reportCount}
                  </Table.Td>
                  <Table.Td>
                    <RelativeTime iso={row.createdAt} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Page>
  );
}

function CasePage() {
  const { t } = useTranslation();
  const format = useDateFormat();
  const { id = '' } = useParams();
  const found = useCase(id);
  const back = (
    <Anchor component={Link} to={CASES_PATH} size="sm">
      <Group gap={4} wrap="nowrap">
        <IconArrowLeft size={16} aria-hidden />
        {t('cases.back')}
      </Group>
    </Anchor>
  );
  if (found.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (found.isError) {
    // A case of another unit answers 404 like one that does not exist: nothing is revealed.
    const missing = isApiError(found.error) && found.error.status === 404;
    return (
      <Page title={missing ? t('cases.notFoundTitle') : t('cases.title')} actions={back}>
        <Alert color={missing ? 'gray' : 'red'}>
          {missing ? t('cases.notFound') : errorText(t, found.error)}
        </Alert>
      </Page>
    );
  }
  const item = found.data;
  return (
    <Page title={t('cases.caseHeading', { number: item.number })} description={item.title} actions={back}>
      <dl className="facts facts-dense">
        <Fact label={t('cases.status')}>
          <CaseStatus status={item.status} />
        </Fact>
        <Fact label={t('cases.unit')}>{item.unit ?? t('common.none')}</Fact>
        <Fact label={t('cases.opened')}>{format.dateTime(item.createdAt)}</Fact>
        <Fact label={t('cases.reports')}>{item.reportCount}</Fact>
      </dl>
      <section aria-labelledby={REPORTS_HEADING}>
        <Stack gap="xs">
          <Text component="h2" fw={650} fz="h4" id={REPORTS_HEADING}>
            {t('cases.reportsTitle')}
          </Text>
          {item.reports.length === 0 ? (
            <Text className="dimmed">{t('cases.noReports')}</Text>
          ) : (
            <Table fz="sm" verticalSpacing={4} striped>
              <Table.Caption>
                <VisuallyHidden>{t('cases.reportsCaption')}</VisuallyHidden>
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('triage.table.priority')}</Table.Th>
                  <Table.Th>{t('triage.table.report')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {item.reports.map((report) => (
                  <Table.Tr key={report.id}>
                    <Table.Td>
                      <PriorityBadge level={report.priorityLevel} />
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/triage/reports/${report.id}`} ff="monospace">
                        {report.externalId}
                      </Anchor>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </section>
    </Page>
  );
}
