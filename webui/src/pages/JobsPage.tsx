import { CubesIcon } from '@patternfly/react-icons';
import { Placeholder } from './Placeholder';

export function JobsPage() {
  return (
    <Placeholder
      title="Jobs"
      emptyTitle="No jobs yet"
      body="Jobs your tenant submits will be listed here with their tasks and progress."
      icon={CubesIcon}
    />
  );
}
