import { TachometerAltIcon } from '@patternfly/react-icons';
import { Placeholder } from './Placeholder';

export function OverviewPage() {
  return (
    <Placeholder
      title="Overview"
      emptyTitle="No cluster data yet"
      body="Capacity, allocation, agents and tasks will appear here once agents register."
      icon={TachometerAltIcon}
    />
  );
}
