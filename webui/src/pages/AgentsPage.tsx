import {
  Alert,
  Button,
  EmptyState,
  EmptyStateBody,
  Label,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  PageSection,
  Spinner,
  Title,
} from '@patternfly/react-core';
import { ServerIcon } from '@patternfly/react-icons';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useState } from 'react';
import { ApiError, sendJson } from '../api/client';
import { useEvents } from '../api/useTenantEvents';
import { StreamBanner } from '../jobs/StreamBanner';
import { useJson } from '../jobs/useJson';
import { AgentTasks } from '../agents/AgentTasks';

interface Agent {
  id: string;
  hostname: string;
  state: 'ACTIVE' | 'UNREACHABLE' | 'GONE';
  draining: boolean;
  drained: boolean;
  resources: string;
  available: string;
  attributes: Record<string, string>;
  activeTasks: number;
}

function stateLabel(agent: Agent) {
  if (agent.draining) {
    return <Label color="orange">{agent.drained ? 'DRAINED' : 'DRAINING'}</Label>;
  }
  const color =
    agent.state === 'ACTIVE' ? 'green' : agent.state === 'UNREACHABLE' ? 'orange' : 'grey';
  return <Label color={color}>{agent.state}</Label>;
}

/** Agents, for platform admins: resources, state, tasks; drain (with confirmation) and undrain. */
export function AgentsPage() {
  const [agents, reload] = useJson<Agent[]>('/api/admin/agents');
  const stream = useEvents('/api/admin/events', 'agent.*,task.*', reload);
  const [draining, setDraining] = useState<Agent | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setExpanded((open) => {
      const next = new Set(open);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const act = async (agent: Agent, action: 'drain' | 'undrain') => {
    setProblem(undefined);
    try {
      await sendJson('POST', `/api/admin/agents/${encodeURIComponent(agent.id)}/${action}`);
      reload();
    } catch (error) {
      setProblem(
        error instanceof ApiError ? (error.problem.detail ?? error.problem.title) : String(error),
      );
    }
  };

  if (agents.status === 'error') {
    const forbidden = agents.error instanceof ApiError && agents.error.status === 403;
    return (
      <PageSection>
        <Alert
          variant={forbidden ? 'info' : 'danger'}
          title={forbidden ? 'Only platform admins see agents' : 'Could not load the agents'}
        >
          {forbidden ? 'Ask a platform admin about the cluster’s hosts.' : agents.error.message}
        </Alert>
      </PageSection>
    );
  }
  return (
    <>
      <PageSection>
        <Title headingLevel="h1">Agents</Title>
      </PageSection>
      <PageSection>
        <StreamBanner state={stream} />
        {problem && <Alert variant="danger" isInline title={problem} />}
        {agents.status === 'loading' && <Spinner aria-label="Loading agents" />}
        {agents.status === 'ready' && agents.value.length === 0 && (
          <EmptyState titleText="No agents yet" headingLevel="h2" icon={ServerIcon}>
            <EmptyStateBody>
              Start the Atrium agent on a host; it registers with the master and appears here.
            </EmptyStateBody>
          </EmptyState>
        )}
        {agents.status === 'ready' && agents.value.length > 0 && (
          <Table aria-label="Agents" variant="compact">
            <Thead>
              <Tr>
                <Th screenReaderText="Show its tasks" />
                <Th>Host</Th>
                <Th>State</Th>
                <Th>Resources</Th>
                <Th>Available</Th>
                <Th>Attributes</Th>
                <Th>Tasks</Th>
                <Th screenReaderText="Actions" />
              </Tr>
            </Thead>
            {agents.value
              .filter((agent) => agent.state !== 'GONE')
              .map((agent, rowIndex) => (
                <Tbody key={agent.id} isExpanded={expanded.has(agent.id)}>
                  <Tr data-testid={`agent-${agent.hostname}`}>
                    <Td
                      expand={{
                        rowIndex,
                        isExpanded: expanded.has(agent.id),
                        onToggle: () => toggle(agent.id),
                        expandId: `agent-tasks-${rowIndex}`,
                      }}
                    />
                    <Td dataLabel="Host">{agent.hostname}</Td>
                    <Td dataLabel="State" data-testid="agent-state">
                      {stateLabel(agent)}
                    </Td>
                    <Td dataLabel="Resources">{agent.resources}</Td>
                    <Td dataLabel="Available">{agent.available}</Td>
                    <Td dataLabel="Attributes">
                      {Object.entries(agent.attributes ?? {})
                        .map(([name, value]) => `${name}=${value}`)
                        .join(', ') || '\u2014'}
                    </Td>
                    <Td dataLabel="Tasks">{agent.activeTasks}</Td>
                    <Td dataLabel="Actions">
                      {agent.draining ? (
                        <Button variant="secondary" onClick={() => act(agent, 'undrain')}>
                          Undrain
                        </Button>
                      ) : (
                        <Button variant="secondary" isDanger onClick={() => setDraining(agent)}>
                          Drain
                        </Button>
                      )}
                    </Td>
                  </Tr>
                  <Tr isExpanded={expanded.has(agent.id)}>
                    <Td colSpan={8}>
                      {expanded.has(agent.id) && (
                        <AgentTasks
                          key={`${agent.id}-${agent.activeTasks}`}
                          agent={agent.id}
                          hostname={agent.hostname}
                        />
                      )}
                    </Td>
                  </Tr>
                </Tbody>
              ))}
          </Table>
        )}
      </PageSection>
      <Modal
        variant="small"
        isOpen={draining !== undefined}
        onClose={() => setDraining(undefined)}
        aria-labelledby="drain-title"
      >
        <ModalHeader title={`Drain ${draining?.hostname}?`} labelId="drain-title" />
        <ModalBody>
          It gets no new tasks; its {draining?.activeTasks ?? 0} running task(s) are killed if they
          are still running in 5 minutes.
        </ModalBody>
        <ModalFooter>
          <Button
            variant="danger"
            onClick={() => {
              if (draining) void act(draining, 'drain');
              setDraining(undefined);
            }}
          >
            Drain
          </Button>
          <Button variant="link" onClick={() => setDraining(undefined)}>
            Cancel
          </Button>
        </ModalFooter>
      </Modal>
    </>
  );
}
