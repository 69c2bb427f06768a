/** An RFC 9457 problem from the master. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { field: string; reason: string }[];
}

/** A failed API call; `problem` holds what the master said. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.status = problem.status;
    this.problem = problem;
  }

  /** Not logged in, or the session expired (499: the master declined to redirect a script). */
  get unauthenticated(): boolean {
    return this.status === 401 || this.status === 499;
  }
}

/** What went wrong, for a person: the master's detail, and each field it named with the reason. */
export function describe(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = error.problem.errors?.map((e) => `${e.field}: ${e.reason}`).join('; ');
    const text = error.problem.detail ?? error.problem.title;
    return fields ? `${text} (${fields})` : text;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * A refused form, for showing: the reason by the field the master named, and the problem's
 * detail for the banner above the form.
 */
export function refusal(error: unknown): { fields: Record<string, string>; problem: string } {
  if (!(error instanceof ApiError)) return { fields: {}, problem: String(error) };
  const fields: Record<string, string> = {};
  error.problem.errors?.forEach(({ field, reason }) => (fields[field] = reason));
  return { fields, problem: error.problem.detail ?? error.problem.title };
}

/** GET a JSON resource of the master with the browser's session. */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, {
    credentials: 'same-origin',
    headers: { Accept: 'application/json', 'X-Requested-With': 'JavaScript' },
    signal,
  });
  if (response.ok) {
    return (await response.json()) as T;
  }
  throw new ApiError(await problemOf(response));
}

/**
 * Sends a request with an optional JSON body to the master and returns its response when it
 * succeeded; a refusal is thrown as an {@link ApiError} with the master's problem.
 */
export async function send(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: {
      Accept: 'application/json',
      'X-Requested-With': 'JavaScript',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    throw new ApiError(await problemOf(response));
  }
  return response;
}

/** Sends JSON to the master (POST, PUT, PATCH) and returns what it answers. */
export async function sendJson<T>(method: string, path: string, body?: unknown): Promise<T> {
  return (await (await send(method, path, body)).json()) as T;
}

async function problemOf(response: Response): Promise<Problem> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      return (await response.json()) as Problem;
    } catch {
      // fall through to a generic problem
    }
  }
  return { title: response.statusText || 'Request failed', status: response.status };
}
