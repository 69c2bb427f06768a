import { Alert, PageSection } from '@patternfly/react-core';
import { ApiError } from '../api/client';

/**
 * Why a job or task page shows nothing: it is not found (404: another tenant's, or gone), or
 * it could not be read. `data-testid` is `{kind}-error`.
 */
export function LoadFailed({
  kind,
  id,
  error,
}: {
  kind: 'job' | 'task';
  id?: string;
  error: Error;
}) {
  const notFound = error instanceof ApiError && error.status === 404;
  const Kind = kind.charAt(0).toUpperCase() + kind.slice(1);
  return (
    <PageSection>
      <Alert
        variant="danger"
        title={notFound ? `${Kind} not found` : `Could not load the ${kind}`}
        data-testid={`${kind}-error`}
      >
        {notFound ? `There is no ${kind} ${id} in a tenant you belong to.` : error.message}
      </Alert>
    </PageSection>
  );
}
