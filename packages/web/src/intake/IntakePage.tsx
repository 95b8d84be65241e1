import { Stack } from '@mantine/core';
import { IconDatabase, IconFileAlert, IconUpload } from '@tabler/icons-react';
import { lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../app/guards';
import { Page } from '../app/Page';
import { SubNav } from '../app/SubNav';
import { HashSetsPanel } from './HashSetsPanel';
import { ImportsTable } from './ImportsTable';
import { QuarantineList } from './QuarantineList';
import { UploadPanel } from './UploadPanel';

const QuarantineItemPage = lazy(() => import('./QuarantineItemPage'));

type View = 'upload' | 'quarantine' | 'hash-sets';

const ROUTES = { quarantine: 'quarantine', quarantineItem: 'quarantine/:id', hashSets: 'hash-sets' } as const;
const PATHS = { upload: '/intake', quarantine: '/intake/quarantine', hashSets: '/intake/hash-sets' } as const;

/** Intake: upload reports, fix or discard what could not be read, keep the known-content sets. */
export default function IntakePage() {
  return (
    <Routes>
      <Route index element={<IntakeFrame view="upload" />} />
      <Route path={ROUTES.quarantine} element={<IntakeFrame view="quarantine" />} />
      <Route path={ROUTES.quarantineItem} element={<QuarantineItemPage />} />
      <Route path={ROUTES.hashSets} element={<IntakeFrame view="hash-sets" />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function IntakeFrame({ view }: { view: View }) {
  const { t } = useTranslation();
  const titles = {
    upload: t('intake.title'),
    quarantine: t('quarantine.title'),
    'hash-sets': t('hashSets.title'),
  };
  return (
    <Page title={titles[view]} description={view === 'upload' ? t('intake.intro') : undefined}>
      <SubNav
        label={t('intake.views')}
        items={[
          { path: PATHS.upload, label: t('intake.uploadTab'), icon: IconUpload, exact: true },
          { path: PATHS.quarantine, label: t('intake.quarantineTab'), icon: IconFileAlert },
          { path: PATHS.hashSets, label: t('intake.hashSetsTab'), icon: IconDatabase },
        ]}
      />
      {view === 'upload' ? (
        <Stack gap="lg">
          <UploadPanel />
          <ImportsTable />
        </Stack>
      ) : view === 'quarantine' ? (
        <QuarantineList />
      ) : (
        <HashSetsPanel />
      )}
    </Page>
  );
}
