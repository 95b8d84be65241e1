import { IconBriefcase, IconCalendar } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { SubNav } from '../app/SubNav';

const CASES_PATH = '/cases';
const CALENDAR_PATH = '/cases/calendar';

/** Cases | Calendar: the two views of the unit's work. */
export function CasesNav() {
  const { t } = useTranslation();
  return (
    <SubNav
      label={t('investigation.views')}
      items={[
        { path: CASES_PATH, label: t('cases.title'), icon: IconBriefcase, exact: true },
        { path: CALENDAR_PATH, label: t('investigation.calendar.title'), icon: IconCalendar },
      ]}
    />
  );
}
