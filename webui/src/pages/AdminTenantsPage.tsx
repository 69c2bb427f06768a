import {
  ActionGroup,
  Alert,
  Button,
  Card,
  CardBody,
  CardTitle,
  Form,
  FormGroup,
  Grid,
  GridItem,
  PageSection,
  Spinner,
  TextInput,
  Title,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useState, type FormEvent } from 'react';
import { ApiError, describe, send } from '../api/client';
import type { Page } from '../api/jobs';
import { useEvents } from '../api/useTenantEvents';
import { StreamBanner } from '../jobs/StreamBanner';
import { useJson } from '../jobs/useJson';

interface Tenant {
  name: string;
  displayName: string;
  state: string;
  activeTasks: number;
}

/** Tenants for platform admins, with each tenant's quota limits (most of each resource, most tasks). */
export function AdminTenantsPage() {
  const [tenants, reload] = useJson<Page<Tenant>>('/api/admin/tenants');
  const stream = useEvents('/api/admin/events', 'tenant.*,quota.*', reload);
  const [editing, setEditing] = useState<string | undefined>();

  if (tenants.status === 'error') {
    const forbidden = tenants.error instanceof ApiError && tenants.error.status === 403;
    return (
      <PageSection>
        <Alert
          variant={forbidden ? 'info' : 'danger'}
          title={forbidden ? 'Only platform admins manage tenants' : describe(tenants.error)}
          data-testid="tenants-error"
        />
      </PageSection>
    );
  }
  return (
    <>
      <PageSection>
        <Title headingLevel="h1">Tenants</Title>
      </PageSection>
      <PageSection>
        <StreamBanner state={stream} />
        {tenants.status === 'loading' && <Spinner aria-label="Loading tenants" />}
        {tenants.status === 'ready' && (
          <Table aria-label="Tenants" variant="compact">
            <Thead>
              <Tr>
                <Th>Name</Th>
                <Th>Display name</Th>
                <Th>State</Th>
                <Th>Running tasks</Th>
                <Th screenReaderText="Actions" />
              </Tr>
            </Thead>
            <Tbody>
              {tenants.value.items.map((tenant) => (
                <Tr key={tenant.name}>
                  <Td dataLabel="Name">{tenant.name}</Td>
                  <Td dataLabel="Display name">{tenant.displayName}</Td>
                  <Td dataLabel="State">{tenant.state}</Td>
                  <Td dataLabel="Running tasks">{tenant.activeTasks}</Td>
                  <Td dataLabel="Actions">
                    <Button variant="secondary" onClick={() => setEditing(tenant.name)}>
                      Quota of {tenant.name}
                    </Button>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </PageSection>
      {editing && (
        <PageSection>
          <QuotaEditor key={editing} role={editing} onDone={() => setEditing(undefined)} />
        </PageSection>
      )}
    </>
  );
}

interface Role {
  limits: Record<string, number>;
  guarantees: Record<string, number>;
  maxTasks?: number | null;
}

/** Sets a role's quota limits from the version read, so that no other admin's change is lost unseen. */
function QuotaEditor({ role, onDone }: { role: string; onDone: () => void }) {
  const path = `/api/admin/roles/${encodeURIComponent(role)}`;
  const [current] = useJson<Role>(path);
  const [fields, setFields] = useState<Record<string, string> | undefined>();
  const [problem, setProblem] = useState<string | undefined>();

  if (current.status !== 'ready') return <Spinner aria-label="Loading the quota" />;
  const values = fields ?? {
    cpus: String(current.value.limits.cpus ?? ''),
    mem: String(current.value.limits.mem ?? ''),
    maxTasks: current.value.maxTasks == null ? '' : String(current.value.maxTasks),
  };
  const set = (name: string) => (_event: unknown, value: string) =>
    setFields({ ...values, [name]: value });

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    const limits: Record<string, number> = {};
    for (const name of ['cpus', 'mem']) {
      if (values[name].trim() !== '') limits[name] = Number(values[name]);
    }
    try {
      // The version this change is made from: the ETag of the role as it is now.
      const etag = (await send('GET', path)).headers.get('ETag') ?? '';
      await send(
        'PUT',
        `${path}/quota`,
        {
          guarantees: current.value.guarantees,
          limits,
          ...(values.maxTasks.trim() === '' ? {} : { maxTasks: Number(values.maxTasks) }),
        },
        { 'If-Match': etag },
      );
      onDone();
    } catch (error) {
      setProblem(describe(error));
    }
  };

  return (
    <Card>
      <CardTitle>Quota limits of {role}</CardTitle>
      <CardBody>
        {problem && <Alert variant="danger" isInline title={problem} />}
        <Form onSubmit={save} aria-label={`Quota of ${role}`}>
          <Grid hasGutter md={4}>
            <GridItem>
              <FormGroup label="Most CPUs" fieldId="quota-cpus">
                <TextInput
                  id="quota-cpus"
                  type="number"
                  value={values.cpus}
                  onChange={set('cpus')}
                />
              </FormGroup>
            </GridItem>
            <GridItem>
              <FormGroup label="Most memory (MB)" fieldId="quota-mem">
                <TextInput id="quota-mem" type="number" value={values.mem} onChange={set('mem')} />
              </FormGroup>
            </GridItem>
            <GridItem>
              <FormGroup label="Most tasks at once" fieldId="quota-tasks">
                <TextInput
                  id="quota-tasks"
                  type="number"
                  value={values.maxTasks}
                  onChange={set('maxTasks')}
                />
              </FormGroup>
            </GridItem>
          </Grid>
          <p>Empty means no limit. Guarantees are kept as they are.</p>
          <ActionGroup>
            <Button type="submit">Save quota</Button>
            <Button variant="link" onClick={onDone}>
              Cancel
            </Button>
          </ActionGroup>
        </Form>
      </CardBody>
    </Card>
  );
}
