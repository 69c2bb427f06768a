import { SearchIcon } from '@patternfly/react-icons';
import { Placeholder } from './Placeholder';

export function NotFoundPage() {
  return (
    <Placeholder
      title="Page not found"
      emptyTitle="Nothing here"
      body="This address does not match any page. Use the navigation to find your way."
      icon={SearchIcon}
    />
  );
}
