import { Route, Routes } from 'react-router-dom';
import { AppShell } from './layout/AppShell';
import { OverviewPage } from './pages/OverviewPage';
import { JobsHome, JobsPage } from './pages/JobsPage';
import { JobPage } from './pages/JobPage';
import { AgentsPage } from './pages/AgentsPage';
import { NotFoundPage } from './pages/NotFoundPage';

export function App() {
  return (
    <AppShell>
      <Routes>
        <Route path="/" element={<OverviewPage />} />
        <Route path="/jobs" element={<JobsHome />} />
        <Route path="/t/:tenant/jobs" element={<JobsPage />} />
        <Route path="/t/:tenant/jobs/:id" element={<JobPage />} />
        <Route path="/agents" element={<AgentsPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </AppShell>
  );
}
