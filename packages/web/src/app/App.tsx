import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AccountPage } from '../auth/AccountPage';
import { MfaEnrolmentPage } from '../auth/MfaEnrolmentPage';
import { ACCOUNT_PATH, ENROLMENT_PATH, SessionWatch, SIGN_IN_PATH } from '../auth/session';
import { SignInPage } from '../auth/SignInPage';
import { NotFoundPage, RequirePermission, RequireSession } from './guards';
import { HomePage } from './HomePage';
import { MODULES } from './modules';
import { cssVariablesResolver, styleNonce, theme } from './theme';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 15_000 },
    },
  });
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path={SIGN_IN_PATH} element={<SignInPage />} />
      <Route element={<RequireSession />}>
        <Route index element={<HomePage />} />
        <Route path={ACCOUNT_PATH} element={<AccountPage />} />
        <Route path={ENROLMENT_PATH} element={<MfaEnrolmentPage />} />
        {MODULES.map((module) => (
          <Route
            key={module.id}
            path={`${module.path}/*`}
            element={
              <RequirePermission permission={module.permission}>
                <module.page />
              </RequirePermission>
            }
          />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

export function App({ queryClient = createQueryClient() }: { queryClient?: QueryClient }) {
  return (
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      defaultColorScheme="auto"
      getStyleNonce={styleNonce}
    >
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <SessionWatch>
            <AppRoutes />
          </SessionWatch>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
