import {
  Card,
  CardBody,
  CardTitle,
  EmptyState,
  EmptyStateBody,
  Gallery,
  Grid,
  GridItem,
  Label,
  LabelGroup,
  PageSection,
  SearchInput,
  Spinner,
  Title,
} from '@patternfly/react-core';
import { TachometerAltIcon } from '@patternfly/react-icons';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useMemo, useState } from 'react';
import { CHARTED, type Cluster, type ClusterSample } from '../api/cluster';
import { describe } from '../api/client';
import { isPlatformAdmin, useCurrentUser } from '../api/useCurrentUser';
import { useCurrentTenant } from '../api/useTenant';
import { StreamBanner } from '../jobs/StreamBanner';
import { useJson } from '../jobs/useJson';
import { CapacityChart } from '../overview/CapacityChart';
import { useEventFeed, type Feed } from '../overview/useEventFeed';
import { useOfferRates, type OfferRates } from '../overview/useOfferRates';

const ACTIVE_STATES = ['TASK_STAGING', 'TASK_STARTING', 'TASK_RUNNING', 'TASK_KILLING'];

/**
 * The cluster at a glance: capacity and allocation over the last hour, agents and tasks by
 * state, offers and launches per second, and a live feed. Platform admins see the whole cluster's
 * events; others their current tenant's. Events say when to read the numbers again (ADR 012).
 */
export function OverviewPage() {
  const user = useCurrentUser();
  const admin = isPlatformAdmin(user);
  const tenant = useCurrentTenant();
  const streamRoot = admin
    ? '/api/admin/events'
    : tenant
      ? `/api/tenants/${encodeURIComponent(tenant)}/events`
      : undefined;

  const [cluster, reload] = useJson<Cluster>(
    user.status === 'ready' ? '/api/cluster' : undefined,
    1000,
  );
  const feed = useEventFeed(user.status === 'ready' ? streamRoot : undefined, reload);
  const offers = useOfferRates(streamRoot && `${streamRoot}/offer-rates`);
  const history = useHistory(cluster.status === 'ready' ? cluster.value : undefined);

  if (user.status === 'anonymous') {
    return (
      <PageSection>
        <EmptyState titleText="Welcome to Atrium" headingLevel="h1" icon={TachometerAltIcon}>
          <EmptyStateBody>Log in to see the cluster and your jobs.</EmptyStateBody>
        </EmptyState>
      </PageSection>
    );
  }
  return (
    <>
      <PageSection>
        <Title headingLevel="h1">Overview</Title>
      </PageSection>
      <PageSection>
        <StreamBanner state={feed.stream} />
        {cluster.status === 'loading' && <Spinner aria-label="Loading the cluster" />}
        {cluster.status === 'error' && <p role="alert">{describe(cluster.error)}</p>}
        {cluster.status === 'ready' && (
          <Grid hasGutter>
            <GridItem span={12}>
              <Card>
                <CardTitle component="h2">Capacity and allocation, last hour</CardTitle>
                <CardBody>
                  {Object.values(cluster.value.agents).every((n) => n === 0) ? (
                    <EmptyState titleText="No agents yet" headingLevel="h3">
                      <EmptyStateBody>
                        Start an agent on a host (see the README) and its resources appear here.
                      </EmptyStateBody>
                    </EmptyState>
                  ) : (
                    <Gallery hasGutter minWidths={{ default: '220px' }}>
                      {CHARTED.map((resource) => (
                        <CapacityChart
                          key={resource.name}
                          samples={history}
                          name={resource.name}
                          label={resource.label}
                          unit={resource.unit}
                          now={Date.parse(cluster.value.time)}
                        />
                      ))}
                    </Gallery>
                  )}
                </CardBody>
              </Card>
            </GridItem>
            <GridItem md={6} lg={4}>
              <Counts
                title="Agents"
                counts={cluster.value.agents}
                testid="agents"
                empty="No agents have registered."
              />
            </GridItem>
            <GridItem md={6} lg={4}>
              <Counts
                title={admin ? 'Tasks' : 'Your tenants\u2019 tasks'}
                counts={cluster.value.tasks}
                testid="tasks"
                empty="No tasks yet: submit a job to see them here."
                active={ACTIVE_STATES}
              />
            </GridItem>
            <GridItem md={12} lg={4}>
              <Rates offers={offers} feed={feed} />
            </GridItem>
            <GridItem span={12}>
              <EventFeed feed={feed} scope={admin ? 'the cluster' : tenant} />
            </GridItem>
          </Grid>
        )}
      </PageSection>
    </>
  );
}

/** The server's last hour, then each fresher answer appended, so the charts move between samples. */
function useHistory(cluster: Cluster | undefined): ClusterSample[] {
  const [live, setLive] = useState<ClusterSample[]>([]);
  const [seen, setSeen] = useState<string | undefined>();
  if (cluster && cluster.time !== seen) {
    setSeen(cluster.time);
    setLive((before) => [...before, cluster].slice(-720));
  }
  return useMemo(() => {
    if (!cluster) return [];
    const last = cluster.history[cluster.history.length - 1];
    const from = last ? Date.parse(last.time) : 0;
    return [...cluster.history, ...live.filter((sample) => Date.parse(sample.time) > from)];
  }, [cluster, live]);
}

function label(state: string): string {
  const name = state.replace('TASK_', '').toLowerCase();
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function Counts({
  title,
  counts,
  testid,
  empty,
  active,
}: {
  title: string;
  counts: Record<string, number>;
  testid: string;
  empty: string;
  active?: string[];
}) {
  const entries = Object.entries(counts).filter(([, n]) => n > 0);
  return (
    <Card isFullHeight>
      <CardTitle component="h2">{title}</CardTitle>
      <CardBody>
        {entries.length === 0 ? (
          <p>{empty}</p>
        ) : (
          <LabelGroup numLabels={20} aria-label={`${title} by state`}>
            {entries.map(([state, n]) => (
              <Label
                key={state}
                color={
                  state === 'DRAINING'
                    ? 'orange'
                    : (active?.includes(state) ?? state === 'ACTIVE')
                      ? 'blue'
                      : 'grey'
                }
                data-testid={`${testid}-${state}`}
              >
                {label(state)}: {n}
              </Label>
            ))}
          </LabelGroup>
        )}
      </CardBody>
    </Card>
  );
}

function Rates({ offers, feed }: { offers: OfferRates; feed: Feed }) {
  const last = (values: number[]) => values[values.length - 1] ?? 0;
  const average = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  return (
    <Card isFullHeight>
      <CardTitle component="h2">Offers and launches per second</CardTitle>
      <CardBody>
        <Table aria-label="Offers and launches per second" variant="compact" borders={false}>
          <Thead>
            <Tr>
              <Th screenReaderText="What" />
              <Th>now</Th>
              <Th>1-min avg</Th>
            </Tr>
          </Thead>
          <Tbody>
            {[
              { name: 'Offers made', values: offers.created },
              { name: 'Offers accepted', values: offers.accepted },
              { name: 'Tasks launched', values: feed.launches },
            ].map((row) => (
              <Tr key={row.name}>
                <Th>{row.name}</Th>
                <Td>{last(row.values)}</Td>
                <Td>{average(row.values).toFixed(1)}</Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      </CardBody>
    </Card>
  );
}

function EventFeed({ feed, scope }: { feed: Feed; scope: string | undefined }) {
  const [filter, setFilter] = useState('');
  const shown = feed.entries.filter(
    (entry) =>
      !filter ||
      `${entry.type} ${entry.tenant} ${entry.subject} ${entry.summary}`
        .toLowerCase()
        .includes(filter.toLowerCase()),
  );
  return (
    <Card>
      <CardTitle component="h2">Live events of {scope ?? 'your tenant'}</CardTitle>
      <CardBody>
        <p data-testid="feed-counts" data-stream={feed.stream}>
          Since this page opened: <span data-testid="feed-received">{feed.received}</span> events
          {Object.keys(feed.taskStates).length > 0 && ' \u2014 task events by state: '}
          {Object.entries(feed.taskStates).map(([state, n]) => (
            <Label key={state} isCompact data-testid={`feed-state-${state}`}>
              {label(state)}: {n}
            </Label>
          ))}
          <span data-testid="feed-reconnects" data-reconnects={feed.reconnects} hidden>
            {feed.reconnects}
          </span>
        </p>
        <SearchInput
          aria-label="Filter the events"
          placeholder="Filter by type, tenant, task or host"
          value={filter}
          onChange={(_event, value) => setFilter(value)}
          onClear={() => setFilter('')}
        />
        {shown.length === 0 ? (
          <p data-testid="feed-empty">
            {feed.received === 0
              ? 'Nothing has happened since this page opened; events appear here as they happen.'
              : 'No recent event matches the filter.'}
          </p>
        ) : (
          <Table aria-label="Live events" variant="compact" data-testid="feed">
            <Thead>
              <Tr>
                <Th>Time</Th>
                <Th>Type</Th>
                <Th>Tenant</Th>
                <Th>Subject</Th>
                <Th>What</Th>
              </Tr>
            </Thead>
            <Tbody>
              {shown.map((entry) => (
                <Tr key={entry.id}>
                  <Td dataLabel="Time">
                    {entry.time && new Date(entry.time).toLocaleTimeString()}
                  </Td>
                  <Td dataLabel="Type">{entry.type}</Td>
                  <Td dataLabel="Tenant">{entry.tenant}</Td>
                  <Td dataLabel="Subject">{entry.subject}</Td>
                  <Td dataLabel="What">{entry.summary}</Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </CardBody>
    </Card>
  );
}
