/**
 * The quota editor's values, their checks (as the master checks them) and the preview of a
 * change: old → new for each value, and what it means for the tenant as it runs now.
 */
import type { Role } from '../api/admin';

/** The editor's fields, as typed. */
export interface QuotaFields {
  guaranteeCpus: string;
  guaranteeMem: string;
  limitCpus: string;
  limitMem: string;
  maxTasks: string;
  weight: string;
}

export const RESOURCES = [
  { name: 'cpus', unit: 'CPUs' },
  { name: 'mem', unit: 'MB of memory' },
] as const;

const text = (value: number | null | undefined) => (value == null ? '' : String(value));

export function fieldsOf(role: Role): QuotaFields {
  return {
    guaranteeCpus: text(role.guarantees.cpus),
    guaranteeMem: text(role.guarantees.mem),
    limitCpus: text(role.limits.cpus),
    limitMem: text(role.limits.mem),
    maxTasks: text(role.maxTasks),
    weight: text(role.weight),
  };
}

type AmountField = 'guaranteeCpus' | 'guaranteeMem' | 'limitCpus' | 'limitMem';
const amountField = (kind: 'guarantee' | 'limit', resource: string) =>
  `${kind}${resource === 'cpus' ? 'Cpus' : 'Mem'}` as AmountField;

const amount = (value: string) => (value.trim() === '' ? undefined : Number(value));

/** The master's rules (QuotaRequest, Quota, RoleResource.WeightRequest), by field. */
export function validateQuota(fields: QuotaFields): Partial<Record<keyof QuotaFields, string>> {
  const errors: Partial<Record<keyof QuotaFields, string>> = {};
  for (const field of ['guaranteeCpus', 'guaranteeMem', 'limitCpus', 'limitMem'] as const) {
    const value = fields[field].trim();
    if (value === '') continue;
    const number = Number(value);
    if (!Number.isFinite(number) || number < 0 || number > 1_000_000_000) {
      errors[field] = 'a number from 0 to 1000000000';
    } else if (!/^\d*(\.\d{0,3})?$/.test(value)) {
      errors[field] = 'at most 3 decimals';
    }
  }
  for (const { name } of RESOURCES) {
    const guarantee = amountField('guarantee', name);
    const limit = amount(fields[amountField('limit', name)]);
    const held = amount(fields[guarantee]);
    if (!errors[guarantee] && held !== undefined && limit !== undefined && held > limit) {
      errors[guarantee] = `above its limit of ${limit}`;
    }
  }
  const maxTasks = fields.maxTasks.trim();
  if (maxTasks !== '' && !/^\d{1,7}$/.test(maxTasks)) {
    errors.maxTasks = 'a whole number from 0 to 1000000';
  } else if (maxTasks !== '' && Number(maxTasks) > 1_000_000) {
    errors.maxTasks = 'a whole number from 0 to 1000000';
  }
  const weight = Number(fields.weight);
  if (fields.weight.trim() === '' || !(weight >= 0.001 && weight <= 1000)) {
    errors.weight = 'a number from 0.001 to 1000';
  }
  return errors;
}

/** The quota request the fields make (QuotaRequest); resources not edited here (disk, gpus) stay. */
export function quotaRequest(role: Role, fields: QuotaFields) {
  const amounts = (kind: 'guarantee' | 'limit') => {
    const result: Record<string, number> = {
      ...(kind === 'guarantee' ? role.guarantees : role.limits),
    };
    for (const { name } of RESOURCES) {
      const value = amount(fields[amountField(kind, name)]);
      if (value === undefined) delete result[name];
      else result[name] = value;
    }
    return result;
  };
  const maxTasks = amount(fields.maxTasks);
  return {
    guarantees: amounts('guarantee'),
    limits: amounts('limit'),
    ...(maxTasks === undefined ? {} : { maxTasks }),
  };
}

/** What the tenant uses now, and what the cluster has. */
export interface Context {
  tenant: string;
  allocated: Record<string, number>;
  activeTasks: number;
  cluster: Record<string, number>;
}

/** One changed value: before and after, and what it means. */
export interface Change {
  setting: string;
  from: string;
  to: string;
  meaning: string;
  /** Running work goes past the new value, or the cluster cannot hold it. */
  warning: boolean;
}

const show = (value: number | undefined, none: string) =>
  value === undefined ? none : String(Number(value.toFixed(3)));

/** The changes from `role` to `fields` (valid fields only), with their meaning in `context`. */
export function preview(role: Role, fields: QuotaFields, context: Context): Change[] {
  const { tenant, allocated, activeTasks, cluster } = context;
  const changes: Change[] = [];
  for (const { name, unit } of RESOURCES) {
    const used = allocated[name] ?? 0;
    const total = cluster[name] ?? 0;

    const oldGuarantee = role.guarantees[name];
    const newGuarantee = amount(fields[amountField('guarantee', name)]);
    if (oldGuarantee !== newGuarantee) {
      const held = newGuarantee ?? 0;
      changes.push({
        setting: `Guaranteed ${unit}`,
        from: show(oldGuarantee, 'none'),
        to: show(newGuarantee, 'none'),
        meaning:
          held === 0
            ? `Nothing is held back for ${tenant}: it shares the ${unit} by its weight.`
            : held > total
              ? `A guarantee of ${show(held, '')} ${unit} is more than the cluster's ${show(total, '0')}: the rest can only be held once agents join.`
              : `A guarantee of ${show(held, '')} ${unit} holds ${show(held, '')} of the cluster's ${show(total, '0')} ${unit} (${Math.round((100 * held) / total)}%) back from other tenants while ${tenant} uses less (it uses ${show(used, '0')} now).`,
        warning: held > total,
      });
    }

    const oldLimit = role.limits[name];
    const newLimit = amount(fields[amountField('limit', name)]);
    if (oldLimit !== newLimit) {
      changes.push({
        setting: `Most ${unit}`,
        from: show(oldLimit, 'no limit'),
        to: show(newLimit, 'no limit'),
        meaning:
          newLimit === undefined
            ? `No limit: ${tenant} may use what the other tenants leave (it uses ${show(used, '0')} now).`
            : used > newLimit
              ? `${tenant} runs ${show(used, '0')} ${unit} now; the new limit ${show(newLimit, '')} keeps running tasks running, but new ones wait until it uses less.`
              : `${tenant} runs ${show(used, '0')} ${unit} now: ${show(newLimit - used, '0')} more before new tasks wait.`,
        warning: newLimit !== undefined && used > newLimit,
      });
    }
  }

  const oldMax = role.maxTasks ?? undefined;
  const newMax = amount(fields.maxTasks);
  if (oldMax !== newMax) {
    changes.push({
      setting: 'Most tasks at once',
      from: show(oldMax, 'no limit'),
      to: show(newMax, 'no limit'),
      meaning:
        newMax === undefined
          ? `No limit on the number of tasks (${tenant} runs ${activeTasks} now).`
          : activeTasks > newMax
            ? `${tenant} runs ${activeTasks} tasks now; with at most ${newMax} they keep running, but new ones wait.`
            : `${tenant} runs ${activeTasks} tasks now: ${newMax - activeTasks} more can start.`,
      warning: newMax !== undefined && activeTasks > newMax,
    });
  }

  const newWeight = Number(fields.weight);
  if (role.weight !== newWeight) {
    changes.push({
      setting: 'Weight',
      from: show(role.weight, ''),
      to: show(newWeight, ''),
      meaning: `When tenants compete for resources, ${tenant} gets ${show(newWeight, '')}× the share of a tenant of weight 1 (now ${show(role.weight, '')}×).`,
      warning: false,
    });
  }
  return changes;
}

/** Whether the quota (not the weight) differs from the role's. */
export function quotaChanged(changes: Change[]) {
  return changes.some((change) => change.setting !== 'Weight');
}
