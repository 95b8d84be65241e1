import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../app/guards';
import { CalendarPage } from './CalendarPage';
import { DashboardPage } from './DashboardPage';
import { IntakePage } from './IntakePage';
import { PartnersPage } from './PartnersPage';
import { SurvivorPage } from './SurvivorPage';
import { SurvivorsPage } from './SurvivorsPage';

const ROUTES = {
  intake: 'new',
  survivor: 'survivors/:id',
  partners: 'partners',
  calendar: 'calendar',
  dashboard: 'dashboard',
} as const;

/** Aftercare: survivors and their tasks, a survivor's record, the partner directory, the dashboard. */
export default function AftercarePage() {
  return (
    <Routes>
      <Route index element={<SurvivorsPage />} />
      <Route path={ROUTES.intake} element={<IntakePage />} />
      <Route path={ROUTES.survivor} element={<SurvivorPage />} />
      <Route path={ROUTES.partners} element={<PartnersPage />} />
      <Route path={ROUTES.calendar} element={<CalendarPage />} />
      <Route path={ROUTES.dashboard} element={<DashboardPage programme={false} />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
