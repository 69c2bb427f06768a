import { ServerIcon } from '@patternfly/react-icons';
import { Placeholder } from './Placeholder';

export function AgentsPage() {
  return (
    <Placeholder
      title="Agents"
      emptyTitle="No agents yet"
      body="Hosts running the Atrium agent will be listed here with their resources and state."
      icon={ServerIcon}
    />
  );
}
