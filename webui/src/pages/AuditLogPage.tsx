import {
  Alert,
  Button,
  EmptyState,
  EmptyStateBody,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  PageSection,
  Spinner,
  TextInput,
  Title,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from '@patternfly/react-core';
import { SearchIcon } from '@patternfly/react-icons';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { summary } from '../admin/auditSummary';
import { AUDITED_TYPES, shortType, type AuditRecord } from '../api/admin';
import { ApiError, describe, getJson } from '../api/client';
import type { Page } from '../api/jobs';

const FILTERS = ['tenant', 'actor', 'type'] as const;
const PAGE_SIZE = 50;

type Entries =
  | { status: 'loading' }
  | { status: 'ready'; items: AuditRecord[]; next?: string | null; more: boolean }
  | { status: 'error'; error: Error };

/**
 * The audit log for platform admins: who did what, newest first, a page at a time. The filters
 * are in the URL (`?tenant=acme&type=...`), so a filtered view can be shared as a link.
 */
export function AuditLogPage() {
  const [params, setParams] = useSearchParams();
  const query = new URLSearchParams();
  FILTERS.forEach((name) => {
    const value = params.get(name);
    if (value) query.set(name, value);
  });
  const filters = query.toString();
  const [entries, setEntries] = useState<Entries>({ status: 'loading' });
  const [form, setForm] = useState({ tenant: '', actor: '', type: '' });

  useEffect(() => {
    const current = new URLSearchParams(filters);
    setForm({
      tenant: current.get('tenant') ?? '',
      actor: current.get('actor') ?? '',
      type: current.get('type') ?? '',
    });
    const abort = new AbortController();
    setEntries({ status: 'loading' });
    getJson<Page<AuditRecord>>(auditPath(filters), abort.signal)
      .then((page) =>
        setEntries({ status: 'ready', items: page.items, next: page.next, more: false }),
      )
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setEntries({ status: 'error', error: asError(error) });
      });
    return () => abort.abort();
  }, [filters]);

  const loadMore = async () => {
    if (entries.status !== 'ready' || !entries.next) return;
    setEntries({ ...entries, more: true });
    try {
      const page = await getJson<Page<AuditRecord>>(auditPath(filters, entries.next));
      setEntries({
        status: 'ready',
        items: [...entries.items, ...page.items],
        next: page.next,
        more: false,
      });
    } catch (error) {
      setEntries({ status: 'error', error: asError(error) });
    }
  };

  const filter = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    FILTERS.forEach((name) => {
      const value = form[name].trim();
      if (value) next.set(name, value);
    });
    setParams(next);
  };

  if (
    entries.status === 'error' &&
    entries.error instanceof ApiError &&
    entries.error.status === 403
  ) {
    return (
      <PageSection>
        <Alert
          variant="info"
          title="Only platform admins read the audit log"
          data-testid="audit-error"
        >
          Tenant admins see their tenant’s members and tokens on its tenant page.
        </Alert>
      </PageSection>
    );
  }

  const linkTo = (name: string, value: string) => {
    const next = new URLSearchParams(filters);
    next.set(name, value);
    return `?${next.toString()}`;
  };

  return (
    <>
      <PageSection>
        <Title headingLevel="h1">Audit log</Title>
        <p>
          Every change someone made, newest first: tenants, quotas, members, tokens, jobs, agents.
        </p>
      </PageSection>
      <PageSection>
        <Form onSubmit={filter} aria-label="Filter the audit log">
          <Toolbar>
            <ToolbarContent>
              <ToolbarItem>
                <FormGroup label="Tenant" fieldId="audit-tenant">
                  <TextInput
                    id="audit-tenant"
                    value={form.tenant}
                    placeholder="any; _platform for the cluster's own"
                    onChange={(_event, value) => setForm({ ...form, tenant: value })}
                  />
                </FormGroup>
              </ToolbarItem>
              <ToolbarItem>
                <FormGroup label="Actor" fieldId="audit-actor">
                  <TextInput
                    id="audit-actor"
                    value={form.actor}
                    placeholder="any; a user name"
                    onChange={(_event, value) => setForm({ ...form, actor: value })}
                  />
                </FormGroup>
              </ToolbarItem>
              <ToolbarItem>
                <FormGroup label="Type" fieldId="audit-type">
                  <FormSelect
                    id="audit-type"
                    value={form.type}
                    onChange={(_event, value) => setForm({ ...form, type: value })}
                  >
                    <FormSelectOption value="" label="Any type" />
                    {AUDITED_TYPES.map((type) => (
                      <FormSelectOption key={type} value={type} label={shortType(type)} />
                    ))}
                  </FormSelect>
                </FormGroup>
              </ToolbarItem>
              <ToolbarItem alignSelf="end">
                <Button type="submit">Filter</Button>
              </ToolbarItem>
              {filters && (
                <ToolbarItem alignSelf="end">
                  <Button variant="link" onClick={() => setParams(new URLSearchParams())}>
                    Clear filters
                  </Button>
                </ToolbarItem>
              )}
            </ToolbarContent>
          </Toolbar>
        </Form>
        {entries.status === 'error' && (
          <Alert
            variant="danger"
            isInline
            title={describe(entries.error)}
            data-testid="audit-error"
          />
        )}
        {entries.status === 'loading' && <Spinner aria-label="Loading the audit log" />}
        {entries.status === 'ready' && entries.items.length === 0 && (
          <EmptyState titleText="No entries" headingLevel="h2" icon={SearchIcon}>
            <EmptyStateBody>
              {filters ? 'Nothing matches these filters.' : 'Nobody has changed anything yet.'}
            </EmptyStateBody>
          </EmptyState>
        )}
        {entries.status === 'ready' && entries.items.length > 0 && (
          <>
            <Table aria-label="Audit log" variant="compact" data-testid="audit-log">
              <Thead>
                <Tr>
                  <Th>Time</Th>
                  <Th>Actor</Th>
                  <Th>Tenant</Th>
                  <Th>Type</Th>
                  <Th>Subject</Th>
                  <Th>What</Th>
                </Tr>
              </Thead>
              <Tbody>
                {entries.items.map((record) => (
                  <Tr key={record.eventId} data-testid="audit-entry">
                    <Td dataLabel="Time" modifier="nowrap">
                      <time dateTime={record.time}>{new Date(record.time).toLocaleString()}</time>
                    </Td>
                    <Td dataLabel="Actor" modifier="nowrap">
                      {record.actor ? (
                        <Link to={linkTo('actor', record.actor)}>{record.actor}</Link>
                      ) : (
                        (record.actorSubject ?? '—')
                      )}
                      {record.address && <small> from {record.address}</small>}
                    </Td>
                    <Td dataLabel="Tenant" modifier="nowrap">
                      <Link to={linkTo('tenant', record.tenant)}>{record.tenant}</Link>
                    </Td>
                    <Td dataLabel="Type" modifier="nowrap" data-testid="audit-type">
                      {shortType(record.type)}
                    </Td>
                    <Td dataLabel="Subject" modifier="nowrap">
                      {record.subject ?? '—'}
                    </Td>
                    <Td dataLabel="What" data-testid="audit-summary">
                      {summary(record)}
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
            {entries.next && (
              <Button
                variant="secondary"
                onClick={() => void loadMore()}
                isLoading={entries.more}
                isDisabled={entries.more}
              >
                Load more
              </Button>
            )}
          </>
        )}
      </PageSection>
    </>
  );
}

function auditPath(filters: string, cursor?: string) {
  const query = new URLSearchParams(filters);
  query.set('limit', String(PAGE_SIZE));
  if (cursor) query.set('cursor', cursor);
  return `/api/admin/audit?${query.toString()}`;
}

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));
