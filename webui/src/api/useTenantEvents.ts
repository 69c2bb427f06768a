import { useEffect, useRef, useState } from 'react';

/** Whether the live stream is connected; the portal shows a banner while it is not. */
export type StreamState = 'connecting' | 'live' | 'lost';

/** Every SSE event name the portal listens for (SSE events are named by their short type). */
const EVENT_NAMES = [
  'task.state-changed',
  'job.submitted',
  'job.killed',
  'agent.registered',
  'agent.re-registered',
  'agent.disconnected',
  'agent.unreachable',
  'agent.gone',
  'agent.drained',
  'agent.undrained',
  'quota.changed',
  'weight.changed',
  'member.changed',
  'token.created',
  'token.revoked',
  'tenant.created',
  'tenant.updated',
  'tenant.deleted',
];

/**
 * What `onEvent` is called with, without a message, each time the stream opens: what changed
 * between the page's first read and the stream's start was never sent on it, so a page reads
 * again then.
 */
export const STREAM_OPENED = 'stream.opened';

/**
 * Follows an event stream (SSE) of the master and calls `onEvent` with each event's type and
 * the SSE message (its `data` is the CloudEvent's JSON, its `lastEventId` the cursor), and with
 * {@link STREAM_OPENED} when the stream opens. The browser's EventSource reconnects by itself
 * and resumes with Last-Event-ID, so nothing is missed across a short outage. `stream` is the
 * stream's path, without its query.
 */
export function useEvents(
  stream: string | undefined,
  types: string,
  onEvent: (type: string, message?: MessageEvent<string>) => void,
): StreamState {
  return useEventStream(stream, types, onEvent).state;
}

/** {@link useEvents}, also counting how often the stream came back after being lost. */
export function useEventStream(
  stream: string | undefined,
  types: string,
  onEvent: (type: string, message?: MessageEvent<string>) => void,
): { state: StreamState; reconnects: number } {
  const [state, setState] = useState<StreamState>('connecting');
  const [reconnects, setReconnects] = useState(0);
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  }, [onEvent]);

  useEffect(() => {
    if (!stream) return;
    const source = new EventSource(`${stream}?types=${encodeURIComponent(types)}`, {
      withCredentials: true,
    });
    const patterns = types.split(',').map((type) => type.trim());
    const listener = (event: MessageEvent<string>) => handler.current(event.type, event);
    EVENT_NAMES.filter((name) => patterns.some((pattern) => matches(pattern, name))).forEach(
      (name) => source.addEventListener(name, listener),
    );
    let lost = false;
    source.onopen = () => {
      if (lost) setReconnects((n) => n + 1);
      lost = false;
      setState('live');
      handler.current(STREAM_OPENED);
    };
    // EventSource retries by itself; until it is open again, the stream counts as lost.
    source.onerror = () => {
      lost = true;
      setState('lost');
    };
    return () => source.close();
  }, [stream, types]);

  return { state, reconnects };
}

/** Follows a tenant's event stream: see {@link useEvents}. */
export function useTenantEvents(
  tenant: string | undefined,
  types: string,
  onEvent: (type: string) => void,
): StreamState {
  return useEvents(
    tenant ? `/api/tenants/${encodeURIComponent(tenant)}/events` : undefined,
    types,
    onEvent,
  );
}

function matches(pattern: string, name: string): boolean {
  if (!pattern.includes('*')) return pattern === name;
  return name.startsWith(pattern.slice(0, pattern.indexOf('*')));
}
