import { Center, Loader } from '@mantine/core'
import { lazy } from 'react'
import { Navigate, Route, Routes, useLocation } from 'react-router'
import type { Role } from '../shared/roles'
import { useMeQuery } from './features/auth/hooks/useMeQuery'
import { AppLayout } from './layout/AppLayout'
import { LoginPage } from './pages/LoginPage'
import { ErrorAlert } from './ui/ErrorAlert'

// each page is loaded when it is first opened: the sign-in page and the first page stay small
const AuditPage = lazy(() => import('./pages/AuditPage').then((m) => ({ default: m.AuditPage })))
const CausesPage = lazy(() => import('./pages/CausesPage').then((m) => ({ default: m.CausesPage })))
const CustomerPage = lazy(() => import('./pages/CustomerPage').then((m) => ({ default: m.CustomerPage })))
const CustomersPage = lazy(() => import('./pages/CustomersPage').then((m) => ({ default: m.CustomersPage })))
const DashboardPage = lazy(() => import('./pages/DashboardPage').then((m) => ({ default: m.DashboardPage })))
const EarlyWarningPage = lazy(() =>
  import('./pages/EarlyWarningPage').then((m) => ({ default: m.EarlyWarningPage })),
)
const FollowupsPage = lazy(() => import('./pages/FollowupsPage').then((m) => ({ default: m.FollowupsPage })))
const ImportPage = lazy(() => import('./pages/ImportPage').then((m) => ({ default: m.ImportPage })))
const ModelPage = lazy(() => import('./pages/ModelPage').then((m) => ({ default: m.ModelPage })))
const PlaybookPage = lazy(() => import('./pages/PlaybookPage').then((m) => ({ default: m.PlaybookPage })))
const ReportsPage = lazy(() => import('./pages/ReportsPage').then((m) => ({ default: m.ReportsPage })))
const SettingsPage = lazy(() => import('./pages/SettingsPage').then((m) => ({ default: m.SettingsPage })))
const UsersPage = lazy(() => import('./pages/UsersPage').then((m) => ({ default: m.UsersPage })))
const WinbackPage = lazy(() => import('./pages/WinbackPage').then((m) => ({ default: m.WinbackPage })))
const WorklistPage = lazy(() => import('./pages/WorklistPage').then((m) => ({ default: m.WorklistPage })))
const CampaignsPage = lazy(() => import('./pages/CampaignsPage').then((m) => ({ default: m.CampaignsPage })))
const CampaignPage = lazy(() => import('./pages/CampaignsPage').then((m) => ({ default: m.CampaignPage })))

function RequireRole({
  role,
  allowed,
  children,
}: {
  role: Role
  allowed: Role[]
  children: React.ReactNode
}) {
  return allowed.includes(role) ? children : <Navigate to="/" replace />
}

export function AppRoutes() {
  const me = useMeQuery()
  const location = useLocation()
  if (me.isPending) {
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    )
  }
  if (me.isError) return <ErrorAlert error={me.error} />
  const user = me.data
  if (!user) {
    return (
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route
          path="*"
          element={<Navigate to="/login" replace state={{ from: location.pathname + location.search }} />}
        />
      </Routes>
    )
  }
  return (
    <Routes>
      <Route path="/login" element={<Navigate to="/" replace />} />
      <Route element={<AppLayout user={user} />}>
        {/* a rep's day starts with their Tagesliste; managers and admins with the overview */}
        <Route
          index
          element={user.role === 'rep' ? <WorklistPage user={user} /> : <DashboardPage user={user} />}
        />
        <Route path="dashboard" element={<DashboardPage user={user} />} />
        <Route path="worklist" element={<WorklistPage user={user} />} />
        <Route path="followups" element={<FollowupsPage user={user} />} />
        <Route path="early-warning" element={<EarlyWarningPage user={user} />} />
        <Route path="campaigns" element={<CampaignsPage role={user.role} />} />
        <Route path="campaigns/:id" element={<CampaignPage role={user.role} />} />
        <Route path="playbook" element={<PlaybookPage role={user.role} />} />
        <Route path="customers" element={<CustomersPage user={user} />} />
        <Route path="customers/:id" element={<CustomerPage user={user} />} />
        <Route
          path="model"
          element={
            <RequireRole role={user.role} allowed={['admin', 'manager']}>
              <ModelPage user={user} />
            </RequireRole>
          }
        />
        <Route path="causes" element={<CausesPage user={user} />} />
        <Route path="winback" element={<WinbackPage role={user.role} />} />
        <Route
          path="import"
          element={
            <RequireRole role={user.role} allowed={['admin', 'manager']}>
              <ImportPage />
            </RequireRole>
          }
        />
        <Route
          path="reports"
          element={
            <RequireRole role={user.role} allowed={['admin', 'manager']}>
              <ReportsPage />
            </RequireRole>
          }
        />
        <Route
          path="settings"
          element={
            <RequireRole role={user.role} allowed={['admin', 'manager']}>
              <SettingsPage role={user.role} />
            </RequireRole>
          }
        />
        <Route
          path="users"
          element={
            <RequireRole role={user.role} allowed={['admin']}>
              <UsersPage me={user} />
            </RequireRole>
          }
        />
        <Route
          path="audit"
          element={
            <RequireRole role={user.role} allowed={['admin']}>
              <AuditPage />
            </RequireRole>
          }
        />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Route>
    </Routes>
  )
}
