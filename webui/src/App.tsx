import { Route, Routes } from 'react-router-dom';
import { AppShell } from './layout/AppShell';
import { OverviewPage } from './pages/OverviewPage';
import { JobsPage } from './pages/JobsPage';
import { FirstTenant } from './pages/FirstTenant';
import { JobPage } from './pages/JobPage';
import { TaskPage } from './pages/TaskPage';
import { TenantPage } from './pages/TenantPage';
import { AdminTenantsPage } from './pages/AdminTenantsPage';
import { AgentsPage } from './pages/AgentsPage';
import { AuditLogPage } from './pages/AuditLogPage';
import { NotFoundPage } from './pages/NotFoundPage';

export function App() {
  return (
    <AppShell>
      <Routes>
        <Route path="/" element={<OverviewPage />} />
        <Route path="/jobs" element={<FirstTenant section="jobs" />} />
        <Route path="/t/:tenant/jobs" element={<JobsPage />} />
        <Route path="/t/:tenant/jobs/:id" element={<JobPage />} />
        <Route path="/t/:tenant/tasks/:id" element={<TaskPage />} />
        <Route path="/tenant" element={<FirstTenant section="tenant" />} />
        <Route path="/t/:tenant/tenant" element={<TenantPage />} />
        <Route path="/agents" element={<AgentsPage />} />
        <Route path="/admin/tenants" element={<AdminTenantsPage />} />
        <Route path="/admin/audit" element={<AuditLogPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </AppShell>
  );
}
