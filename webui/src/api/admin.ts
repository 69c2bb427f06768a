/** The platform admin API: tenants, roles (quota and weight), agents' totals and the audit log. */
import { ApiError, send } from './client';

export const TENANTS = '/api/admin/tenants';
export const tenantPath = (tenant: string) => `${TENANTS}/${encodeURIComponent(tenant)}`;
export const rolePath = (role: string) => `/api/admin/roles/${encodeURIComponent(role)}`;

/** A tenant as `/api/admin/tenants` answers it. */
export interface Tenant {
  name: string;
  displayName: string;
  state: 'ACTIVE' | 'SUSPENDED' | 'DELETING';
  createdAt: string;
  activeTasks: number;
}

/** A role as the allocator treats it (`/api/admin/roles/{role}`). */
export interface Role {
  role: string;
  weight: number;
  guarantees: Record<string, number>;
  limits: Record<string, number>;
  maxTasks?: number | null;
  allocated: Record<string, number>;
}

/** An agent, as far as the admin pages need it (`/api/admin/agents`). */
export interface AgentResources {
  state: 'ACTIVE' | 'DISCONNECTED' | 'UNREACHABLE' | 'GONE';
  resources: string;
}

/** One audited action (`/api/admin/audit`). */
export interface AuditRecord {
  eventId: string;
  time: string;
  tenant: string;
  type: string;
  subject?: string | null;
  actorSubject?: string | null;
  actor?: string | null;
  address?: string | null;
  data?: Record<string, unknown> | null;
}

/** The event types that name who acted, and so are in the audit log. */
export const AUDITED_TYPES = [
  'io.atrium.tenant.created.v1',
  'io.atrium.tenant.updated.v1',
  'io.atrium.tenant.deleted.v1',
  'io.atrium.quota.changed.v1',
  'io.atrium.weight.changed.v1',
  'io.atrium.member.changed.v1',
  'io.atrium.token.created.v1',
  'io.atrium.token.revoked.v1',
  'io.atrium.job.submitted.v1',
  'io.atrium.job.killed.v1',
  'io.atrium.agent.drained.v1',
  'io.atrium.agent.undrained.v1',
];

/** `io.atrium.tenant.created.v1` as people say it: `tenant.created`. */
export const shortType = (type: string) => type.replace(/^io\.atrium\./, '').replace(/\.v\d+$/, '');

/** A JSON resource with the version it was read at (its ETag), to send back as If-Match. */
export interface Versioned<T> {
  value: T;
  etag: string;
}

export async function getVersioned<T>(path: string): Promise<Versioned<T>> {
  const response = await send('GET', path);
  return { value: (await response.json()) as T, etag: response.headers.get('ETag') ?? '' };
}

/** Whether the master refused a change because someone else changed the thing since it was read. */
export const changedMeanwhile = (error: unknown) =>
  error instanceof ApiError && error.status === 412;

/** The server's rules for a new tenant (TenantResource.TenantRequest), checked here first. */
export function validateTenant(request: { name: string; displayName: string }) {
  const errors: Record<string, string> = {};
  if (!/^[a-z][a-z0-9-]{1,62}$/.test(request.name)) {
    errors.name = 'must be 2 to 63 lower-case letters, digits or dashes, starting with a letter';
  }
  if (request.displayName.trim() === '') {
    errors.displayName = 'must not be blank';
  } else if (request.displayName.length > 200) {
    errors.displayName = 'at most 200 characters';
  }
  return errors;
}

/** The scalar amounts of a Mesos resource text (`cpus:2;mem:1024;ports:[31000-31999]`). */
export function scalars(text: string): Record<string, number> {
  const amounts: Record<string, number> = {};
  for (const part of text.split(';')) {
    const [name, value] = part.split(':');
    const amount = Number(value);
    if (name && value !== undefined && !value.startsWith('[') && Number.isFinite(amount)) {
      amounts[name.trim()] = (amounts[name.trim()] ?? 0) + amount;
    }
  }
  return amounts;
}

/** What the cluster's agents that are not gone offer in all, by resource. */
export function clusterTotals(agents: AgentResources[]): Record<string, number> {
  const totals: Record<string, number> = {};
  agents
    .filter((agent) => agent.state !== 'GONE')
    .forEach((agent) =>
      Object.entries(scalars(agent.resources)).forEach(
        ([name, amount]) => (totals[name] = (totals[name] ?? 0) + amount),
      ),
    );
  return totals;
}
