import { Alert, Button, Tabs } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { errorText } from '../app/errors';
import { notify } from '../app/notify';
import { Page } from '../app/Page';
import { BackLink, RecordPage } from '../app/RecordPage';
import { CASES_KEY, casesApi, useCase, type CaseDetail } from './api';
import { DocumentsTab } from './documents/DocumentsTab';
import { EvidenceTab } from './evidence/EvidenceTab';
import { FinanceTab } from './finance/FinanceTab';
import { GraphTab } from './graph/GraphTab';
import { LegalTab } from './legal/LegalTab';
import { OperationsTab } from './operations/OperationsTab';
import { NotesTab, TasksTab } from './WorkTabs';
import { ReportsTab, SummaryTab } from './SummaryTab';
import { SubjectsTab } from './SubjectsTab';
import { TimelineTab } from './TimelineTab';
import { VictimsTab } from './VictimsTab';

const CASES_PATH = '/cases';

export const CASE_TABS = [
  'summary',
  'reports',
  'subjects',
  'victims',
  'tasks',
  'notes',
  'documents',
  'legal',
  'operations',
  'evidence',
  'finance',
  'graph',
  'timeline',
] as const;
type CaseTab = (typeof CASE_TABS)[number];
const isTab = (value: string | null): value is CaseTab =>
  (CASE_TABS as readonly (string | null)[]).includes(value);

function TabPanel({ item, tab }: { item: CaseDetail; tab: CaseTab }) {
  switch (tab) {
    case 'summary':
      return <SummaryTab item={item} />;
    case 'reports':
      return <ReportsTab item={item} />;
    case 'subjects':
      return <SubjectsTab item={item} />;
    case 'victims':
      return <VictimsTab item={item} />;
    case 'tasks':
      return <TasksTab item={item} />;
    case 'notes':
      return <NotesTab item={item} />;
    case 'documents':
      return <DocumentsTab item={item} />;
    case 'legal':
      return <LegalTab item={item} />;
    case 'operations':
      return <OperationsTab item={item} />;
    case 'evidence':
      return <EvidenceTab item={item} />;
    case 'finance':
      return <FinanceTab item={item} />;
    case 'graph':
      return <GraphTab item={item} />;
    case 'timeline':
      return <TimelineTab item={item} />;
  }
}

function AcceptButton({ item }: { item: CaseDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const accept = async () => {
    setBusy(true);
    try {
      await casesApi.accept(item.id);
      await queryClient.invalidateQueries({ queryKey: [CASES_KEY] });
      notify.success({ message: t('investigation.accept.done', { number: item.number }) });
    } catch (error) {
      notify.failure({ message: errorText(t, error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button onClick={() => void accept()} loading={busy}>
      {t('investigation.accept.button')}
    </Button>
  );
}

/** One case: a header, and a tab for each part of the work. The tab is in the address. */
export function CasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const found = useCase(id);
  const requested = search.get('tab');
  const tab: CaseTab = isTab(requested) ? requested : 'summary';
  const back = <BackLink to={CASES_PATH} label={t('cases.back')} />;
  // A case of another unit answers 404 like one that does not exist: nothing is revealed.
  return (
    <RecordPage
      found={found}
      back={back}
      errorTitle={(missing) => (missing ? t('cases.notFoundTitle') : t('cases.title'))}
      notFound={t('cases.notFound')}
    >
      {(item) => (
        <Page
          title={t('cases.caseHeading', { number: item.number })}
          description={item.title}
          actions={
            <>
              {item.abilities.accept ? <AcceptButton item={item} /> : null}
              {back}
            </>
          }
        >
          {item.status === 'referred' ? (
            <Alert color="orange" title={t('investigation.accept.title')}>
              {item.abilities.accept ? t('investigation.accept.help') : t('investigation.accept.waiting')}
            </Alert>
          ) : null}
          <Tabs
            value={tab}
            onChange={(value) => {
              if (isTab(value)) setSearch(value === 'summary' ? {} : { tab: value }, { replace: true });
            }}
            keepMounted={false}
          >
            <Tabs.List aria-label={t('investigation.tabs.label')}>
              {CASE_TABS.map((value) => (
                <Tabs.Tab key={value} value={value}>
                  {t(`investigation.tabs.${value}`)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            {CASE_TABS.map((value) => (
              <Tabs.Panel key={value} value={value} pt="md">
                {value === tab ? <TabPanel item={item} tab={value} /> : null}
              </Tabs.Panel>
            ))}
          </Tabs>
        </Page>
      )}
    </RecordPage>
  );
}
