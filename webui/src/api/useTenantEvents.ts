import { useEffect, useRef, useState } from 'react';

/** Whether the live stream is connected; the portal shows a banner while it is not. */
export type StreamState = 'connecting' | 'live' | 'lost';

/**
 * Follows a tenant's event stream (SSE) and calls `onEvent` with each event's type. The
 * browser's EventSource reconnects by itself and resumes with Last-Event-ID, so nothing is
 * missed across a short outage.
 */
export function useTenantEvents(
  tenant: string | undefined,
  types: string,
  onEvent: (type: string) => void,
): StreamState {
  const [state, setState] = useState<StreamState>('connecting');
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  }, [onEvent]);

  useEffect(() => {
    if (!tenant) return;
    const source = new EventSource(
      `/api/tenants/${encodeURIComponent(tenant)}/events?types=${encodeURIComponent(types)}`,
      { withCredentials: true },
    );
    const names = types.split(',').map((type) => type.trim());
    const listener = (event: MessageEvent) => handler.current(event.type);
    // SSE events are named by their type (task.state-changed, job.submitted, ...).
    const known = [
      'task.state-changed',
      'job.submitted',
      'job.killed',
      'quota.changed',
      'weight.changed',
    ].filter((name) => names.some((pattern) => matches(pattern, name)));
    known.forEach((name) => source.addEventListener(name, listener));
    source.onopen = () => setState('live');
    // EventSource retries by itself; until it is open again, the stream counts as lost.
    source.onerror = () => setState('lost');
    return () => source.close();
  }, [tenant, types]);

  return state;
}

function matches(pattern: string, name: string): boolean {
  if (!pattern.includes('*')) return pattern === name;
  const prefix = pattern.slice(0, pattern.indexOf('*'));
  return name.startsWith(prefix);
}
