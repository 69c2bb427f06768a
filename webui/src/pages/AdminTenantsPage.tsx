import {
  Alert,
  AlertActionCloseButton,
  Button,
  Card,
  CardBody,
  CardTitle,
  EmptyState,
  EmptyStateBody,
  Flex,
  FlexItem,
  Label,
  PageSection,
  Spinner,
  Title,
} from '@patternfly/react-core';
import { UsersIcon } from '@patternfly/react-icons';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useState } from 'react';
import { CreateTenantForm } from '../admin/CreateTenantForm';
import { QuotaEditor } from '../admin/QuotaEditor';
import { TenantActionModal, type TenantAction } from '../admin/TenantActionModal';
import { TENANTS, type Tenant } from '../api/admin';
import { ApiError, describe } from '../api/client';
import type { Page } from '../api/jobs';
import { useEvents } from '../api/useTenantEvents';
import { StreamBanner } from '../jobs/StreamBanner';
import { useJson } from '../jobs/useJson';

const STATE_COLOR = { ACTIVE: 'green', SUSPENDED: 'orange', DELETING: 'red' } as const;

/**
 * Tenants for platform admins: create, suspend and resume, delete (killing running tasks), and
 * each tenant's quota and weight. The list is read again whenever the event stream says a
 * tenant, a quota or a task changed, so a deleted tenant shows DELETING and then goes.
 */
export function AdminTenantsPage() {
  const [tenants, reload] = useJson<Page<Tenant>>(`${TENANTS}?limit=500`);
  const stream = useEvents('/api/admin/events', 'tenant.*,quota.*,weight.*,task.*', reload);
  const [editing, setEditing] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | undefined>();
  const [acting, setActing] = useState<{ tenant: string; action: TenantAction } | undefined>();

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
  const items = tenants.status === 'ready' ? tenants.value.items : [];
  const edited = items.find((tenant) => tenant.name === editing);

  return (
    <>
      <PageSection>
        <Flex justifyContent={{ default: 'justifyContentSpaceBetween' }}>
          <FlexItem>
            <Title headingLevel="h1">Tenants</Title>
          </FlexItem>
          <FlexItem>
            <Button
              onClick={() => {
                setCreating(true);
                setCreated(undefined);
              }}
              isDisabled={creating}
            >
              Create tenant
            </Button>
          </FlexItem>
        </Flex>
      </PageSection>
      {creating && (
        <PageSection>
          <Card>
            <CardTitle>
              <Title headingLevel="h2">New tenant</Title>
            </CardTitle>
            <CardBody>
              <CreateTenantForm
                onCreated={(tenant) => {
                  setCreating(false);
                  setCreated(tenant.name);
                  reload();
                }}
                onCancel={() => setCreating(false)}
              />
            </CardBody>
          </Card>
        </PageSection>
      )}
      <PageSection>
        <StreamBanner state={stream} />
        {created && (
          <Alert
            variant="success"
            isInline
            title={`Created ${created}. Add its first tenant admin on its tenant page, and set its quota here.`}
            actionClose={<AlertActionCloseButton onClose={() => setCreated(undefined)} />}
            data-testid="tenant-created"
          />
        )}
        {tenants.status === 'loading' && <Spinner aria-label="Loading tenants" />}
        {tenants.status === 'ready' && items.length === 0 && (
          <EmptyState titleText="No tenants yet" headingLevel="h2" icon={UsersIcon}>
            <EmptyStateBody>
              Create the first tenant; then give it members and a quota.
            </EmptyStateBody>
          </EmptyState>
        )}
        {items.length > 0 && (
          <Table aria-label="Tenants" variant="compact">
            <Thead>
              <Tr>
                <Th>Name</Th>
                <Th>Display name</Th>
                <Th>State</Th>
                <Th modifier="wrap">Running tasks</Th>
                <Th screenReaderText="Actions" />
              </Tr>
            </Thead>
            <Tbody>
              {items.map((tenant) => (
                <Tr key={tenant.name} data-testid={`tenant-${tenant.name}`}>
                  <Td dataLabel="Name">{tenant.name}</Td>
                  <Td dataLabel="Display name">{tenant.displayName}</Td>
                  <Td dataLabel="State" data-testid="tenant-state">
                    <Label color={STATE_COLOR[tenant.state]}>{tenant.state}</Label>
                  </Td>
                  <Td dataLabel="Running tasks" data-testid="tenant-tasks">
                    {tenant.activeTasks}
                  </Td>
                  <Td dataLabel="Actions" modifier="fitContent">
                    {tenant.state !== 'DELETING' && (
                      <Flex
                        spaceItems={{ default: 'spaceItemsSm' }}
                        flexWrap={{ default: 'nowrap' }}
                      >
                        <Button
                          variant="secondary"
                          size="sm"
                          aria-label={`Quota of ${tenant.name}`}
                          onClick={() => setEditing(tenant.name)}
                        >
                          Quota
                        </Button>
                        <Button
                          variant="secondary"
                          size="sm"
                          aria-label={`${tenant.state === 'SUSPENDED' ? 'Resume' : 'Suspend'} ${tenant.name}`}
                          onClick={() =>
                            setActing({
                              tenant: tenant.name,
                              action: tenant.state === 'SUSPENDED' ? 'resume' : 'suspend',
                            })
                          }
                        >
                          {tenant.state === 'SUSPENDED' ? 'Resume' : 'Suspend'}
                        </Button>
                        <Button
                          variant="secondary"
                          isDanger
                          size="sm"
                          aria-label={`Delete ${tenant.name}`}
                          onClick={() => setActing({ tenant: tenant.name, action: 'delete' })}
                        >
                          Delete
                        </Button>
                      </Flex>
                    )}
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
        {tenants.status === 'ready' && tenants.value.next && (
          <p>Showing the first {items.length} tenants.</p>
        )}
      </PageSection>
      {edited && edited.state !== 'DELETING' && (
        <PageSection>
          <QuotaEditor
            key={edited.name}
            role={edited.name}
            activeTasks={edited.activeTasks}
            onDone={() => setEditing(undefined)}
          />
        </PageSection>
      )}
      {acting && (
        <TenantActionModal
          key={`${acting.tenant}-${acting.action}`}
          tenant={acting.tenant}
          action={acting.action}
          onClose={() => setActing(undefined)}
          onDone={() => {
            setActing(undefined);
            reload();
          }}
        />
      )}
    </>
  );
}
