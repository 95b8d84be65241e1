import { IconBuildingCommunity, IconCalendarEvent, IconChartLine, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { SubNav } from '../app/SubNav';
import { AFTERCARE_PATH } from './api';

/** Survivors | Partners | Dashboard. */
export function AftercareNav() {
  const { t } = useTranslation();
  return (
    <SubNav
      label={t('aftercare.nav.label')}
      items={[
        { path: AFTERCARE_PATH, label: t('aftercare.nav.survivors'), icon: IconUsers, exact: true },
        {
          path: `${AFTERCARE_PATH}/partners`,
          label: t('aftercare.nav.partners'),
          icon: IconBuildingCommunity,
        },
        { path: `${AFTERCARE_PATH}/calendar`, label: t('aftercare.nav.calendar'), icon: IconCalendarEvent },
        { path: `${AFTERCARE_PATH}/dashboard`, label: t('aftercare.nav.dashboard'), icon: IconChartLine },
      ]}
    />
  );
}
