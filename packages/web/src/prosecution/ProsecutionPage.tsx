import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../app/guards';
import { CourtCasePage } from './CourtCasePage';
import { CourtCasesPage } from './CourtCasesPage';
import { ProsecutionFigures } from './DashboardPage';

const CASE_ROUTE = ':id';
const DASHBOARD_ROUTE = 'dashboard';

/** The court cases of the prosecutor's office, and each case with its tabs. */
export default function ProsecutionPage() {
  return (
    <Routes>
      <Route index element={<CourtCasesPage />} />
      <Route path={DASHBOARD_ROUTE} element={<ProsecutionFigures scope="office" />} />
      <Route path={CASE_ROUTE} element={<CourtCasePage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
