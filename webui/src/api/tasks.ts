/** The tasks API of a tenant, as `/api/tenants/{t}/tasks/{id}` and its logs and files answer it. */
import type { StateChange } from './jobs';

export interface TaskUsage {
  cpuSeconds: number;
  memoryBytes: number;
  memoryPeakBytes: number;
  diskBytes: number;
  measuredAt: string;
}

export interface Task {
  id: string;
  name: string;
  agentId?: string | null;
  hostname?: string | null;
  state: string;
  resources?: string | null;
  states: StateChange[];
  usage?: TaskUsage | null;
  healthy?: boolean | null;
}

/** A piece of a file, as the log and file range reads answer it. */
export interface LogChunk {
  offset: number;
  size: number;
  data: string;
}

export interface SandboxEntry {
  name: string;
  path: string;
  directory: boolean;
  symlink: boolean;
  size: number;
  modifiedAt: string;
}

export interface SandboxListing {
  path: string;
  entries: SandboxEntry[];
  truncated: boolean;
}

export type LogStream = 'stdout' | 'stderr';

/** States after which a task never changes again (Mesos' terminal states). */
export const TERMINAL = new Set([
  'TASK_FINISHED',
  'TASK_FAILED',
  'TASK_KILLED',
  'TASK_ERROR',
  'TASK_LOST',
  'TASK_DROPPED',
  'TASK_GONE',
  'TASK_GONE_BY_OPERATOR',
]);

export const taskPath = (tenant: string, id: string) =>
  `/api/tenants/${encodeURIComponent(tenant)}/tasks/${encodeURIComponent(id)}`;

export const taskPagePath = (tenant: string, id: string) =>
  `/t/${encodeURIComponent(tenant)}/tasks/${encodeURIComponent(id)}`;

export const logsPath = (task: string, stream: LogStream, query: Record<string, string | number>) =>
  `${task}/logs?${new URLSearchParams({ stream, ...stringify(query) }).toString()}`;

export const listPath = (task: string, path: string) =>
  `${task}/files?${new URLSearchParams({ path }).toString()}`;

export const downloadPath = (task: string, path: string) =>
  `${task}/files/download?${new URLSearchParams({ path }).toString()}`;

/** Bytes for a person: "512 B", "3.2 KiB", "1.5 GiB". */
export function bytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

function stringify(query: Record<string, string | number>): Record<string, string> {
  return Object.fromEntries(Object.entries(query).map(([key, value]) => [key, String(value)]));
}
