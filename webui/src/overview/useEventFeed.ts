import { useCallback, useEffect, useRef, useState } from 'react';
import { useEventStream, type StreamState } from '../api/useTenantEvents';

/** One event as the feed shows it. */
export interface FeedEntry {
  id: string;
  time: string;
  type: string;
  tenant: string;
  subject: string;
  summary: string;
}

/** What the feed has seen since the page opened. */
export interface Feed {
  stream: StreamState;
  /** Newest first, at most {@link KEPT}. */
  entries: FeedEntry[];
  received: number;
  /** Task events by the state they report (health changes count under their state). */
  taskStates: Record<string, number>;
  /** Launches (tasks reaching TASK_STAGING) in each of the last 60 seconds, oldest first. */
  launches: number[];
  /** How often the stream was lost and came back. */
  reconnects: number;
}

const KEPT = 50;
const FLUSH_MS = 500;
const SECONDS = 60;

interface Pending {
  entries: FeedEntry[];
  received: number;
  taskStates: Record<string, number>;
  launchesBySecond: Map<number, number>;
  dirty: boolean;
}

/**
 * Follows `stream` for the overview: keeps the newest events and counts, and calls `onChange`
 * for agent and task events. Events arrive by the hundred per second under load, so they are
 * gathered in a buffer and shown twice a second: one render per flush, not per event.
 */
export function useEventFeed(stream: string | undefined, onChange: () => void): Feed {
  const pending = useRef<Pending>({
    entries: [],
    received: 0,
    taskStates: {},
    launchesBySecond: new Map(),
    dirty: false,
  });
  const [feed, setFeed] = useState<Omit<Feed, 'stream' | 'reconnects'>>({
    entries: [],
    received: 0,
    taskStates: {},
    launches: new Array<number>(SECONDS).fill(0),
  });
  const changed = useRef(onChange);
  useEffect(() => {
    changed.current = onChange;
  }, [onChange]);

  const onEvent = useCallback((type: string, message?: MessageEvent<string>) => {
    if (!message) {
      // The stream (re)opened: the numbers may have moved before it did.
      changed.current();
      return;
    }
    const buffer = pending.current;
    const entry = parse(type, message);
    buffer.received += 1;
    buffer.entries.unshift(entry.entry);
    if (buffer.entries.length > KEPT) buffer.entries.length = KEPT;
    if (entry.taskState) {
      buffer.taskStates[entry.taskState] = (buffer.taskStates[entry.taskState] ?? 0) + 1;
      if (entry.taskState === 'TASK_STAGING') {
        const second = Math.floor(Date.now() / 1000);
        buffer.launchesBySecond.set(second, (buffer.launchesBySecond.get(second) ?? 0) + 1);
      }
    }
    buffer.dirty = true;
    if (type.startsWith('agent.') || type.startsWith('task.')) changed.current();
  }, []);

  const { state, reconnects } = useEventStream(stream, 'task.*,agent.*,job.*,tenant.*', onEvent);

  useEffect(() => {
    const timer = window.setInterval(() => {
      const buffer = pending.current;
      const second = Math.floor(Date.now() / 1000);
      let expired = false;
      for (const key of buffer.launchesBySecond.keys()) {
        if (key <= second - SECONDS) {
          buffer.launchesBySecond.delete(key);
          expired = true;
        }
      }
      const launches = Array.from(
        { length: SECONDS },
        (_, i) => buffer.launchesBySecond.get(second - SECONDS + 1 + i) ?? 0,
      );
      // Redrawn while launches are in the last minute, and once more when the last one leaves it.
      if (!buffer.dirty && buffer.launchesBySecond.size === 0 && !expired) return;
      buffer.dirty = false;
      setFeed({
        entries: [...buffer.entries],
        received: buffer.received,
        taskStates: { ...buffer.taskStates },
        launches,
      });
    }, FLUSH_MS);
    return () => window.clearInterval(timer);
  }, []);

  return { ...feed, stream: state, reconnects };
}

function parse(
  type: string,
  message: MessageEvent<string>,
): { entry: FeedEntry; taskState?: string } {
  let event: { id?: string; time?: string; tenant?: string; subject?: string; data?: Data } = {};
  try {
    event = JSON.parse(message.data) as typeof event;
  } catch {
    // shown with what the SSE message itself says
  }
  const data = event.data ?? {};
  const taskState = type === 'task.state-changed' ? data.state : undefined;
  return {
    entry: {
      id: event.id ?? message.lastEventId,
      time: event.time ?? '',
      type,
      tenant: event.tenant ?? '',
      subject: event.subject ?? '',
      summary: summary(type, data),
    },
    taskState,
  };
}

interface Data {
  state?: string;
  healthy?: boolean;
  reason?: string;
  agent?: { hostname?: string; draining?: boolean };
  name?: string;
}

function summary(type: string, data: Data): string {
  if (type === 'task.state-changed') {
    const health = data.healthy === undefined ? '' : data.healthy ? ', healthy' : ', unhealthy';
    return `${data.name ?? ''} ${(data.state ?? '').replace('TASK_', '')}${health}`.trim();
  }
  if (type.startsWith('agent.')) return data.agent?.hostname ?? '';
  return data.name ?? data.reason ?? '';
}
