import {
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Label,
  PageSection,
  Spinner,
  Tab,
  TabTitleText,
  Tabs,
  Title,
} from '@patternfly/react-core';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { bytes, TERMINAL, taskPath, type Task } from '../api/tasks';
import { useTenantEvents } from '../api/useTenantEvents';
import { StreamBanner } from '../jobs/StreamBanner';
import { useJson } from '../jobs/useJson';
import { LoadFailed } from '../jobs/LoadFailed';
import { LogViewer } from '../tasks/LogViewer';
import { SandboxBrowser } from '../tasks/SandboxBrowser';
import { TaskTimeline } from '../tasks/TaskTimeline';

/** How often a running task's usage is read again (usage has no event of its own). */
const USAGE_REFRESH_MS = 10_000;

function health(healthy: boolean | null | undefined) {
  if (healthy === true) return <Label color="green">Healthy</Label>;
  if (healthy === false) return <Label color="red">Unhealthy</Label>;
  return 'No health check result';
}

/**
 * One task: its states over time, where it runs, what it holds and uses, its health, its
 * stdout and stderr (live while followed) and its sandbox's files.
 */
export function TaskPage() {
  const { tenant, id } = useParams();
  const path = tenant && id ? taskPath(tenant, id) : undefined;
  const [task, reload] = useJson<Task>(path);
  const stream = useTenantEvents(tenant, 'task.*', reload);
  const [tab, setTab] = useState<string | number>('stdout');
  const running = task.status === 'ready' && !TERMINAL.has(task.value.state);

  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(reload, USAGE_REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [running, reload]);

  if (!path) return null;
  if (task.status === 'loading') return <Spinner aria-label="Loading the task" />;
  if (task.status === 'error') return <LoadFailed kind="task" id={id} error={task.error} />;
  const value = task.value;
  const ended = TERMINAL.has(value.state);
  const usage = value.usage;
  return (
    <>
      <PageSection>
        <Title headingLevel="h1">
          Task {value.name}{' '}
          <Label color={ended ? (value.state === 'TASK_FINISHED' ? 'green' : 'red') : 'blue'}>
            <span data-testid="task-page-state">{value.state}</span>
          </Label>
        </Title>
        <code className="pf-v6-u-font-size-sm">{value.id}</code>
      </PageSection>
      <PageSection>
        <StreamBanner state={stream} />
        <DescriptionList isHorizontal isCompact columnModifier={{ lg: '2Col' }}>
          <DescriptionListGroup>
            <DescriptionListTerm>Agent</DescriptionListTerm>
            <DescriptionListDescription data-testid="task-agent">
              {value.hostname ?? 'Not placed yet'}
              {value.agentId && <div className="pf-v6-u-font-size-sm">{value.agentId}</div>}
            </DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>Resources</DescriptionListTerm>
            <DescriptionListDescription>{value.resources ?? '—'}</DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>Health</DescriptionListTerm>
            <DescriptionListDescription>{health(value.healthy)}</DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>Usage</DescriptionListTerm>
            <DescriptionListDescription data-testid="task-usage">
              {usage ? (
                <>
                  {usage.cpuSeconds.toFixed(2)} cpu seconds, memory {bytes(usage.memoryBytes)} (peak{' '}
                  {bytes(usage.memoryPeakBytes)}), disk {bytes(usage.diskBytes)}
                  <div className="pf-v6-u-font-size-sm">
                    measured at{' '}
                    <time dateTime={usage.measuredAt}>
                      {new Date(usage.measuredAt).toLocaleString()}
                    </time>
                  </div>
                </>
              ) : ended ? (
                'Not measured: the task has ended'
              ) : (
                'Not measured yet: its agent reports usage every few seconds'
              )}
            </DescriptionListDescription>
          </DescriptionListGroup>
        </DescriptionList>
      </PageSection>
      <PageSection>
        <Title headingLevel="h2">State timeline</Title>
        <TaskTimeline states={value.states} />
      </PageSection>
      <PageSection>
        <Tabs
          activeKey={tab}
          onSelect={(_event, key) => setTab(key)}
          aria-label="Output and files of the task"
          mountOnEnter
        >
          <Tab eventKey="stdout" title={<TabTitleText>stdout</TabTitleText>} aria-label="stdout">
            <LogViewer task={path} stream="stdout" ended={ended} />
          </Tab>
          <Tab eventKey="stderr" title={<TabTitleText>stderr</TabTitleText>} aria-label="stderr">
            <LogViewer task={path} stream="stderr" ended={ended} />
          </Tab>
          <Tab eventKey="files" title={<TabTitleText>Files</TabTitleText>} aria-label="Files">
            <SandboxBrowser task={path} />
          </Tab>
        </Tabs>
      </PageSection>
    </>
  );
}
