/** Capacity and allocation at one moment (`GET /api/cluster`'s samples). */
export interface ClusterSample {
  time: string;
  capacity: Record<string, number>;
  allocated: Record<string, number>;
}

/** The cluster at a glance, as `GET /api/cluster` returns it. */
export interface Cluster extends ClusterSample {
  agents: Record<string, number>;
  tasks: Record<string, number>;
  history: ClusterSample[];
}

/** The scalar resources the overview charts, with how to show their amounts. */
export const CHARTED = [
  { name: 'cpus', label: 'CPUs', unit: '' },
  { name: 'mem', label: 'Memory', unit: 'MiB' },
  { name: 'disk', label: 'Disk', unit: 'MiB' },
  { name: 'gpus', label: 'GPUs', unit: '' },
] as const;

/** An amount for people: at most one decimal, MiB above 10,240 as GiB. */
export function amount(value: number, unit: string): string {
  if (unit === 'MiB' && value >= 10240) return `${round(value / 1024)} GiB`;
  return unit ? `${round(value)} ${unit}` : round(value);
}

function round(value: number): string {
  return (Math.round(value * 10) / 10).toLocaleString('en');
}
