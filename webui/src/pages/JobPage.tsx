import {
  Alert,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  PageSection,
  Spinner,
  Title,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { Link, useParams } from 'react-router-dom';
import { jobsPath, type Job } from '../api/jobs';
import { taskPagePath } from '../api/tasks';
import { useTenantEvents } from '../api/useTenantEvents';
import { JobStateLabel } from '../jobs/JobStateLabel';
import { StreamBanner } from '../jobs/StreamBanner';
import { useJson } from '../jobs/useJson';
import { LoadFailed } from '../jobs/LoadFailed';

const reasons: Record<string, string> = {
  QUOTA: 'Quota',
  CAPACITY: 'Capacity',
  CONSTRAINTS: 'Constraints',
  BACKOFF: 'Waiting to retry',
  NEXT_OFFER: 'About to launch',
};

/** One job: its state, why instances wait, and each task with the states it went through. */
export function JobPage() {
  const { tenant, id } = useParams();
  const path = tenant && id ? `${jobsPath(tenant)}/${encodeURIComponent(id)}` : undefined;
  const [job, reload] = useJson<Job>(path);
  const stream = useTenantEvents(tenant, 'job.*,task.*', reload);

  if (job.status === 'loading') return <Spinner aria-label="Loading the job" />;
  if (job.status === 'error') return <LoadFailed kind="job" id={id} error={job.error} />;
  const value = job.value;
  return (
    <>
      <PageSection>
        <Title headingLevel="h1">
          {value.name} <JobStateLabel state={value.state} testId="job-state" />
        </Title>
      </PageSection>
      <PageSection>
        <StreamBanner state={stream} />
        <DescriptionList isHorizontal isCompact>
          <DescriptionListGroup>
            <DescriptionListTerm>Command</DescriptionListTerm>
            <DescriptionListDescription>
              <code>{value.command}</code>
            </DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>Instances</DescriptionListTerm>
            <DescriptionListDescription data-testid="job-progress">
              {value.finished} of {value.instances} finished, {value.active} active, {value.failed}{' '}
              failed
            </DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>Each needs</DescriptionListTerm>
            <DescriptionListDescription>{value.resources}</DescriptionListDescription>
          </DescriptionListGroup>
          {value.owner && (
            <DescriptionListGroup>
              <DescriptionListTerm>Submitted by</DescriptionListTerm>
              <DescriptionListDescription data-testid="job-owner">
                {value.owner}
              </DescriptionListDescription>
            </DescriptionListGroup>
          )}
        </DescriptionList>
      </PageSection>
      {value.waiting && (
        <PageSection>
          <Alert
            variant="info"
            isInline
            title={`Why is this pending? ${reasons[value.waiting.reason] ?? value.waiting.reason}`}
            data-testid="why-pending"
          >
            {value.waiting.instances} instance(s) wait: {value.waiting.message}
          </Alert>
        </PageSection>
      )}
      <PageSection>
        <Title headingLevel="h2">Tasks</Title>
        <Table aria-label="Tasks" variant="compact">
          <Thead>
            <Tr>
              <Th>Task</Th>
              <Th>State</Th>
              <Th>Agent</Th>
              <Th>History</Th>
            </Tr>
          </Thead>
          <Tbody>
            {value.tasks.map((task) => (
              <Tr key={task.id}>
                <Td dataLabel="Task">
                  <Link
                    to={taskPagePath(value.tenant, task.id)}
                    aria-label={`Task ${task.instance}.${task.attempt}`}
                    data-testid="task-link"
                  >
                    {task.instance}.{task.attempt}
                  </Link>
                </Td>
                <Td dataLabel="State" data-testid="task-state">
                  {task.state}
                </Td>
                <Td dataLabel="Agent">{task.hostname}</Td>
                <Td dataLabel="History">
                  {task.states
                    .map((change) => `${change.state}${change.reason ? ` (${change.reason})` : ''}`)
                    .join(' → ')}
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      </PageSection>
    </>
  );
}
