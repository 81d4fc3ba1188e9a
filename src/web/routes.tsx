import { Center, Loader } from '@mantine/core'
import { Navigate, Route, Routes, useLocation } from 'react-router'
import type { Role } from '../shared/roles'
import { useMeQuery } from './features/auth/hooks/useMeQuery'
import { AppLayout } from './layout/AppLayout'
import { AuditPage } from './pages/AuditPage'
import { CampaignPage, CampaignsPage } from './pages/CampaignsPage'
import { CausesPage } from './pages/CausesPage'
import { CustomerPage } from './pages/CustomerPage'
import { CustomersPage } from './pages/CustomersPage'
import { DashboardPage } from './pages/DashboardPage'
import { EarlyWarningPage } from './pages/EarlyWarningPage'
import { FollowupsPage } from './pages/FollowupsPage'
import { ImportPage } from './pages/ImportPage'
import { LoginPage } from './pages/LoginPage'
import { ModelPage } from './pages/ModelPage'
import { PlaybookPage } from './pages/PlaybookPage'
import { ReportsPage } from './pages/ReportsPage'
import { SettingsPage } from './pages/SettingsPage'
import { UsersPage } from './pages/UsersPage'
import { WinbackPage } from './pages/WinbackPage'
import { WorklistPage } from './pages/WorklistPage'
import { ErrorAlert } from './ui/ErrorAlert'

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
        <Route path="model" element={<ModelPage user={user} />} />
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
