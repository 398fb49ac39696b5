import { lazy, Suspense } from 'react';
import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router';
import { LoginPage } from '../auth/LoginPage.tsx';
import { SecondFactorStepPage } from '../auth/SecondFactorStepPage.tsx';
import { homeIsDashboard, useMe } from '../auth/useMe.ts';
import { NotFoundPage } from '../ui/NotFoundPage.tsx';
import { ErrorState, LoadingState } from '../ui/states.tsx';
import { Layout } from './Layout.tsx';

// Screens load on demand, so signing in does not wait for the charts and the spreadsheet writer.
const loadDashboard = () => import('../dashboard/DashboardPage.tsx');
const loadMyTasks = () => import('../tasks/MyTasksPage.tsx');
// The two home screens are fetched while /api/auth/me is answered rather than after it.
void loadDashboard();
void loadMyTasks();
const DashboardPage = lazy(loadDashboard);
const TaskListPage = lazy(() => import('../tasks/TaskListPage.tsx'));
const MyTasksPage = lazy(loadMyTasks);
const TaskPage = lazy(() => import('../tasks/TaskPage.tsx'));
const ReviewQueuePage = lazy(() => import('../reports/ReviewQueuePage.tsx'));
const DirectiveListPage = lazy(() => import('../directives/DirectiveListPage.tsx'));
const DirectivePage = lazy(() => import('../directives/DirectivePage.tsx'));
const ImportPage = lazy(() => import('../imports/ImportPage.tsx'));
const PlanBuilderPage = lazy(() => import('../plans/PlanBuilderPage.tsx'));
const AccountsPage = lazy(() => import('../accounts/AccountsPage.tsx'));
const AccountImportPage = lazy(() => import('../accounts/AccountImportPage.tsx'));
const SetPasswordPage = lazy(() =>
  import('../accounts/SetPasswordPage.tsx').then((m) => ({ default: m.SetPasswordPage })),
);
const LoginBlocksPage = lazy(() => import('../accounts/LoginBlocksPage.tsx'));
const AccountPage = lazy(() => import('../sessions/AccountPage.tsx'));
const BodyScorePage = lazy(() => import('../scores/BodyScorePage.tsx'));
const FeedbackInboxPage = lazy(() => import('../feedback/FeedbackInboxPage.tsx'));
const AuditTrailPage = lazy(() => import('../audit/AuditTrailPage.tsx'));

function RequireSignIn() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <LoadingState />;
  if (me.error) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return (
    <Layout me={me.data}>
      <Suspense fallback={<LoadingState />}>
        <Outlet />
      </Suspense>
    </Layout>
  );
}

function Home() {
  const me = useMe();
  if (!me.data) return null;
  return <Navigate to={homeIsDashboard(me.data.role) ? '/dashboard' : '/my-tasks'} replace />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/login/code" element={<SecondFactorStepPage />} />
      <Route
        path="/set-password"
        element={
          <Suspense fallback={<LoadingState />}>
            <SetPasswordPage />
          </Suspense>
        }
      />
      <Route element={<RequireSignIn />}>
        <Route index element={<Home />} />
        <Route path="dashboard" element={<DashboardPage />} />
        <Route path="scores/:agencyId" element={<BodyScorePage />} />
        <Route path="tasks" element={<TaskListPage />} />
        <Route path="tasks/:id" element={<TaskPage />} />
        <Route path="my-tasks" element={<MyTasksPage />} />
        <Route path="reviews" element={<ReviewQueuePage />} />
        <Route path="directives" element={<DirectiveListPage />} />
        <Route path="directives/:id" element={<DirectivePage />} />
        <Route path="imports" element={<ImportPage />} />
        <Route path="plans/new" element={<PlanBuilderPage />} />
        <Route path="admin/accounts" element={<AccountsPage />} />
        <Route path="admin/accounts/import" element={<AccountImportPage />} />
        <Route path="admin/login-blocks" element={<LoginBlocksPage />} />
        <Route path="audit" element={<AuditTrailPage />} />
        <Route path="account" element={<AccountPage />} />
        <Route path="feedback" element={<FeedbackInboxPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
