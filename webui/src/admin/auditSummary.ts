import { shortType, type AuditRecord } from '../api/admin';

type Data = Record<string, unknown>;

const amounts = (value: unknown) =>
  Object.entries((value as Record<string, number> | undefined) ?? {})
    .map(([name, amount]) => `${name} ${amount}`)
    .join(', ');

const nameOf = (actor: unknown) => (actor as { username?: string } | undefined)?.username ?? '?';

/** What an audited action did, in a few words, from its event's data. */
export function summary(record: AuditRecord): string {
  const data: Data = record.data ?? {};
  switch (shortType(record.type)) {
    case 'tenant.created':
      return `Created “${String(data.displayName ?? record.subject)}”`;
    case 'tenant.updated':
      return [
        data.suspended ? 'Suspended' : 'Active',
        data.displayName ? `display name “${String(data.displayName)}”` : undefined,
      ]
        .filter(Boolean)
        .join(', ');
    case 'tenant.deleted':
      return 'Deleted, with its members, tokens, jobs and quota';
    case 'quota.changed':
      return [
        `guarantee: ${amounts(data.guarantee) || 'none'}`,
        `limit: ${amounts(data.limit) || 'none'}`,
        data.maxTasks == null ? undefined : `at most ${String(data.maxTasks)} tasks`,
      ]
        .filter(Boolean)
        .join('; ');
    case 'weight.changed':
      return `weight ${String(data.weight)}`;
    case 'member.changed':
      return `${nameOf(data.member)}: ${String(data.previousRole ?? 'not a member')} → ${String(data.role ?? 'removed')}`;
    case 'token.created':
    case 'token.revoked':
      return `token “${String(data.name)}” (${String(data.role)}) of ${nameOf(data.owner)}`;
    case 'job.submitted':
      return `job ${String(data.name)}: ${String(data.instances)} × ${String(data.resources)}`;
    case 'job.killed':
      return `job ${String(data.jobId)}`;
    case 'agent.drained':
    case 'agent.undrained':
      return `agent ${String((data.agent as { hostname?: string } | undefined)?.hostname ?? record.subject)}`;
    default:
      return '';
  }
}
