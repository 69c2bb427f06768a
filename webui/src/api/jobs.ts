/** The jobs API of a tenant, as `/api/tenants/{t}/jobs` answers it. */

export type JobState = 'PENDING' | 'RUNNING' | 'FINISHED' | 'FAILED' | 'KILLING' | 'KILLED';

export interface StateChange {
  state: string;
  time: string;
  reason?: string;
  message?: string;
  exitCode?: number;
}

export interface JobTask {
  id: string;
  instance: number;
  attempt: number;
  agentId?: string;
  hostname?: string;
  state: string;
  states: StateChange[];
}

export interface Waiting {
  instances: number;
  reason: 'QUOTA' | 'CAPACITY' | 'CONSTRAINTS' | 'BACKOFF' | 'NEXT_OFFER';
  message: string;
}

export interface Job {
  id: string;
  tenant: string;
  name: string;
  command: string;
  instances: number;
  resources: string;
  state: JobState;
  finished: number;
  failed: number;
  active: number;
  killed: number;
  createdAt: string;
  killedAt?: string | null;
  waiting?: Waiting | null;
  tasks: JobTask[];
}

export interface Page<T> {
  items: T[];
  next?: string | null;
}

/** What the submission form sends (a subset of the API's JobRequest). */
export interface JobRequest {
  name: string;
  command: string;
  instances: number;
  maxRetries: number;
  resources: { cpus: number; mem: number };
}

export const jobsPath = (tenant: string) => `/api/tenants/${encodeURIComponent(tenant)}/jobs`;

/** The server's rules for a job, checked in the browser first (the server checks them again). */
export function validate(request: JobRequest): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(request.name)) {
    errors.name = "use 1-63 lowercase letters, digits and '-'";
  }
  if (request.command.trim() === '') {
    errors.command = 'must not be blank';
  } else if (request.command.length > 65536) {
    errors.command = 'at most 65536 characters';
  }
  if (!Number.isInteger(request.instances) || request.instances < 1 || request.instances > 10000) {
    errors.instances = 'a whole number from 1 to 10000';
  }
  if (!Number.isInteger(request.maxRetries) || request.maxRetries < 0 || request.maxRetries > 100) {
    errors.maxRetries = 'a whole number from 0 to 100';
  }
  if (!(request.resources.cpus > 0) || request.resources.cpus > 1_000_000) {
    errors['resources.cpus'] = 'more than 0';
  }
  if (!(request.resources.mem > 0) || request.resources.mem > 1_000_000_000) {
    errors['resources.mem'] = 'more than 0 MB';
  }
  return errors;
}
