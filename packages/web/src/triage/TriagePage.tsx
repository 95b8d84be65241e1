import { IconListDetails, IconMap } from '@tabler/icons-react';
import { lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../app/guards';
import { Page } from '../app/Page';
import { SubNav } from '../app/SubNav';
import { QueuePage } from './queue/QueuePage';

const ROUTES = { map: 'map', report: 'reports/:id' } as const;
const PATHS = { queue: '/triage', map: '/triage/map' } as const;

const ReportPage = lazy(() => import('./report/ReportPage'));
const MapPage = lazy(() => import('./map/MapPage'));

/** Triage: the queue, the map of open reports, and each report's page. */
export default function TriagePage() {
  return (
    <Routes>
      <Route index element={<TriageFrame view="queue" />} />
      <Route path={ROUTES.map} element={<TriageFrame view="map" />} />
      <Route path={ROUTES.report} element={<ReportPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function TriageFrame({ view }: { view: 'queue' | 'map' }) {
  const { t } = useTranslation();
  return (
    <Page
      title={view === 'queue' ? t('triage.title') : t('triageMap.title')}
      description={view === 'map' ? t('triageMap.intro') : undefined}
      actions={
        <SubNav
          label={t('triage.views')}
          items={[
            { path: PATHS.queue, label: t('triage.queueTab'), icon: IconListDetails, exact: true },
            { path: PATHS.map, label: t('triage.mapTab'), icon: IconMap },
          ]}
        />
      }
    >
      {view === 'queue' ? <QueuePage /> : <MapPage />}
    </Page>
  );
}
