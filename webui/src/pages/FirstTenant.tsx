import { EmptyState, EmptyStateBody, PageSection, Spinner } from '@patternfly/react-core';
import { CubesIcon } from '@patternfly/react-icons';
import { Navigate } from 'react-router-dom';
import { useCurrentUser } from '../api/useCurrentUser';
import { rememberedOrFirst } from '../api/useTenant';

/**
 * A tenant section without a tenant in its URL (`/jobs`, `/tenant`): goes to it in the
 * tenant the caller worked in last (or their first); the tenant stays in the URL from there on, so links can be shared.
 */
export function FirstTenant({ section }: { section: string }) {
  const state = useCurrentUser();
  if (state.status === 'loading') return <Spinner aria-label="Loading" />;
  const first = rememberedOrFirst(state);
  if (first) return <Navigate to={`/t/${first}/${section}`} replace />;
  return (
    <PageSection>
      <EmptyState titleText="No tenant yet" headingLevel="h1" icon={CubesIcon}>
        <EmptyStateBody>
          {state.status === 'anonymous'
            ? 'Log in to see your tenant.'
            : 'You belong to no tenant yet: ask a tenant admin to add you.'}
        </EmptyStateBody>
      </EmptyState>
    </PageSection>
  );
}
