import {
  Alert,
  Button,
  Card,
  CardBody,
  EmptyState,
  EmptyStateActions,
  EmptyStateBody,
  EmptyStateFooter,
  PageSection,
  Progress,
  Spinner,
  Title,
} from '@patternfly/react-core';
import { CubesIcon } from '@patternfly/react-icons';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError } from '../api/client';
import { jobsPath, type Job, type Page } from '../api/jobs';
import { useTenant } from '../api/useTenant';
import { useTenantEvents } from '../api/useTenantEvents';
import { JobForm } from '../jobs/JobForm';
import { JobStateLabel } from '../jobs/JobStateLabel';
import { StreamBanner } from '../jobs/StreamBanner';
import { useJson } from '../jobs/useJson';
import { age } from '../jobs/time';

/** A tenant's jobs, newest first, kept up to date from its event stream. */
export function JobsPage() {
  const { tenant, role } = useTenant();
  const navigate = useNavigate();
  const [jobs, reload] = useJson<Page<Job>>(tenant ? jobsPath(tenant) : undefined);
  const stream = useTenantEvents(tenant, 'job.*,task.*', reload);
  const [submitting, setSubmitting] = useState(false);
  const mayWrite = role === 'developer' || role === 'tenant-admin';

  if (jobs.status === 'error') {
    const notFound = jobs.error instanceof ApiError && jobs.error.status === 404;
    return (
      <PageSection>
        <Alert
          variant="danger"
          title={notFound ? 'No such tenant' : 'Could not load the jobs'}
          data-testid="jobs-error"
        >
          {notFound ? `There is no tenant ${tenant} that you belong to.` : jobs.error.message}
        </Alert>
      </PageSection>
    );
  }

  return (
    <>
      <PageSection>
        <Title headingLevel="h1">Jobs in {tenant}</Title>
      </PageSection>
      <PageSection>
        <StreamBanner state={stream} />
        {submitting && tenant && (
          <Card>
            <CardBody>
              <JobForm
                tenant={tenant}
                onSubmitted={(job) => navigate(`/t/${tenant}/jobs/${job.id}`)}
                onCancel={() => setSubmitting(false)}
              />
            </CardBody>
          </Card>
        )}
        {!submitting && mayWrite && (
          <Button onClick={() => setSubmitting(true)} data-testid="new-job">
            Submit a job
          </Button>
        )}
      </PageSection>
      <PageSection>
        {jobs.status === 'loading' && <Spinner aria-label="Loading jobs" />}
        {jobs.status === 'ready' && jobs.value.items.length === 0 && (
          <EmptyState titleText="No jobs yet" headingLevel="h2" icon={CubesIcon}>
            <EmptyStateBody>
              {mayWrite
                ? 'Submit a job: a command, how many instances, and what each needs.'
                : 'Jobs of this tenant will be listed here.'}
            </EmptyStateBody>
            {mayWrite && !submitting && (
              <EmptyStateFooter>
                <EmptyStateActions>
                  <Button variant="primary" onClick={() => setSubmitting(true)}>
                    Submit a job
                  </Button>
                </EmptyStateActions>
              </EmptyStateFooter>
            )}
          </EmptyState>
        )}
        {jobs.status === 'ready' && jobs.value.items.length > 0 && (
          <Table aria-label="Jobs" variant="compact">
            <Thead>
              <Tr>
                <Th>Name</Th>
                <Th>State</Th>
                <Th>Progress</Th>
                <Th>Owner</Th>
                <Th>Resources</Th>
                <Th>Age</Th>
              </Tr>
            </Thead>
            <Tbody>
              {jobs.value.items.map((job) => (
                <Tr key={job.id}>
                  <Td dataLabel="Name">
                    <Link to={`/t/${tenant}/jobs/${job.id}`}>{job.name}</Link>
                  </Td>
                  <Td dataLabel="State">
                    <JobStateLabel state={job.state} />
                  </Td>
                  <Td dataLabel="Progress">
                    <Progress
                      value={(100 * job.finished) / job.instances}
                      title={`${job.finished} of ${job.instances} finished`}
                      aria-label={`${job.name}: ${job.finished} of ${job.instances} finished`}
                      size="sm"
                    />
                  </Td>
                  <Td dataLabel="Owner">{job.owner ?? '\u2014'}</Td>
                  <Td dataLabel="Resources">{job.resources}</Td>
                  <Td dataLabel="Age">{age(job.createdAt)}</Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </PageSection>
    </>
  );
}
