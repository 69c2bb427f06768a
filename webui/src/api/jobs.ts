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
  /** Who submitted it; absent for jobs from before owners were kept. */
  owner?: string;
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
  maxRetries?: number;
  resources: { cpus: number; mem: number; disk?: number; gpus?: number };
  /** Marathon style: [field, UNIQUE] or [field, LIKE, regex]. */
  constraints?: string[][];
  env?: Record<string, string>;
  uris?: { value: string; executable?: boolean; extract?: boolean }[];
}

export const jobsPath = (tenant: string) => `/api/tenants/${encodeURIComponent(tenant)}/jobs`;

/** The server's rules for a job, checked in the browser first (the server checks them again). */
export function validate(request: JobRequest): Record<string, string> {
  const errors: Record<string, string> = {};
  if (typeof request.name !== 'string' || !/^[a-z0-9][a-z0-9-]{0,62}$/.test(request.name)) {
    errors.name = "use 1-63 lowercase letters, digits and '-'";
  }
  if (typeof request.command !== 'string' || blank(request.command)) {
    errors.command = 'must not be blank';
  } else if (request.command.length > 65536) {
    errors.command = 'at most 65536 characters';
  }
  if (!Number.isInteger(request.instances) || request.instances < 1 || request.instances > 10000) {
    errors.instances = 'a whole number from 1 to 10000';
  }
  const retries = request.maxRetries ?? 0;
  if (!Number.isInteger(retries) || retries < 0 || retries > 100) {
    errors.maxRetries = 'a whole number from 0 to 100';
  }
  const resources = request.resources ?? { cpus: NaN, mem: NaN };
  if (!(resources.cpus >= 0.001)) {
    errors['resources.cpus'] = 'must be at least 0.001';
  } else if (resources.cpus > 1024) {
    errors['resources.cpus'] = 'must be at most 1024';
  } else if (!/^\d{1,4}(\.\d{1,3})?$/.test(String(resources.cpus))) {
    errors['resources.cpus'] = 'at most 3 decimals';
  }
  if (!Number.isInteger(resources.mem) || resources.mem < 1 || resources.mem > 4_194_304) {
    errors['resources.mem'] = 'a whole number of MiB, at least 1';
  }
  const disk = resources.disk ?? 0;
  if (!Number.isInteger(disk) || disk < 0 || disk > 1_073_741_824) {
    errors['resources.disk'] = 'a whole number of MiB, 0 or more';
  }
  const gpus = resources.gpus ?? 0;
  if (!Number.isInteger(gpus) || gpus < 0 || gpus > 64) {
    errors['resources.gpus'] = 'a whole number from 0 to 64';
  }
  const constraints = request.constraints ?? [];
  if (constraints.length > 20) errors.constraints = 'at most 20';
  constraints.forEach((constraint, i) => {
    const problem = constraintProblem(constraint);
    if (problem && !errors.constraints) errors.constraints = `line ${i + 1}: ${problem}`;
  });
  const env = Object.entries(request.env ?? {});
  if (env.length > 100) errors.env = 'at most 100 variables';
  const badName = env.find(([name]) => !/^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(name));
  if (badName) errors.env = `${badName[0] || '(empty)'} is not a valid variable name`;
  const longValue = env.find(([, value]) => typeof value !== 'string' || value.length > 4096);
  if (longValue) errors.env = `${longValue[0]}: a value of at most 4096 characters`;
  const uris = request.uris ?? [];
  if (uris.length > 64) errors.uris = 'at most 64';
  const badUri = uris.find(
    (uri) =>
      typeof uri.value !== 'string' ||
      !/^(https?:\/\/|file:\/|\/).+$/is.test(uri.value) ||
      uri.value.length > 4096,
  );
  if (badUri) {
    errors.uris = `${badUri.value || '(empty)'}: must be an http(s) or file: URL or an absolute path`;
  }
  return errors;
}

/** Blank as Java's @NotBlank has it: only whitespace by Character.isWhitespace (no-break spaces are not). */
function blank(text: string): boolean {
  return /^[\t\n\v\f\r \u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000]*$/.test(text);
}

/** What is wrong with one constraint, as the master would say it; undefined when nothing. */
function constraintProblem(constraint: string[]): string | undefined {
  if (!Array.isArray(constraint) || constraint.length < 2 || constraint.length > 3) {
    return 'a field and UNIQUE, or a field, LIKE and a regular expression';
  }
  if (constraint.some((part) => typeof part !== 'string' || part.length > 255)) {
    return 'each part is text of at most 255 characters';
  }
  const [field, operator, value] = constraint;
  if (operator === 'UNIQUE') {
    if (field !== 'hostname') return 'UNIQUE is supported on hostname only';
    if (value !== undefined) return 'UNIQUE takes no value';
    return undefined;
  }
  if (operator === 'LIKE') {
    // The expression itself is Java's to judge (its syntax differs from the browser's): the
    // master names the constraint if it cannot compile it.
    return value === undefined ? 'LIKE needs a regular expression' : undefined;
  }
  return `operator must be UNIQUE or LIKE, got ${operator}`;
}
