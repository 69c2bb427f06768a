import { Alert } from '@patternfly/react-core';
import type { StreamState } from '../api/useTenantEvents';

/** Says so while live updates are not arriving; they resume by themselves. */
export function StreamBanner({ state }: { state: StreamState }) {
  if (state === 'live' || state === 'connecting') return null;
  return (
    <Alert
      variant="warning"
      isInline
      title="Live updates are interrupted"
      data-testid="stream-lost"
    >
      The connection to the master was lost; it reconnects by itself and catches up on what it
      missed.
    </Alert>
  );
}
