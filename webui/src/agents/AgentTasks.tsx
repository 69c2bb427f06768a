import { Spinner } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { Link } from 'react-router-dom';
import { describe } from '../api/client';
import { useJson } from '../jobs/useJson';

interface AgentTask {
  id: string;
  name: string;
  tenant: string;
  role: string;
  state: string;
  resources: string;
}

/** The tasks on one agent that have not ended, with their tenants (platform admins). */
export function AgentTasks({ agent, hostname }: { agent: string; hostname: string }) {
  const [tasks] = useJson<AgentTask[]>(`/api/admin/agents/${encodeURIComponent(agent)}/tasks`);
  if (tasks.status === 'loading')
    return <Spinner size="md" aria-label={`Loading the tasks on ${hostname}`} />;
  if (tasks.status === 'error') return <p role="alert">{describe(tasks.error)}</p>;
  if (tasks.value.length === 0) return <p>No task runs on {hostname}.</p>;
  return (
    <Table
      aria-label={`Tasks on ${hostname}`}
      variant="compact"
      data-testid={`tasks-on-${hostname}`}
    >
      <Thead>
        <Tr>
          <Th>Task</Th>
          <Th>Tenant</Th>
          <Th>State</Th>
          <Th>Resources</Th>
        </Tr>
      </Thead>
      <Tbody>
        {tasks.value.map((task) => (
          <Tr key={task.id}>
            <Td dataLabel="Task">
              <Link
                to={`/t/${encodeURIComponent(task.tenant)}/tasks/${encodeURIComponent(task.id)}`}
              >
                {task.name}
              </Link>
            </Td>
            <Td dataLabel="Tenant">{task.role}</Td>
            <Td dataLabel="State">{task.state}</Td>
            <Td dataLabel="Resources">{task.resources}</Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}
