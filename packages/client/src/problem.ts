// problem+json (RFC 9457) as the dashboard sees it: a title for the banner, and field errors by path so a
// form can show each message next to its field.
import type { components } from './schema';

type Problem = components['schemas']['Problem'];

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors: { path: string; message: string }[] = [],
    /** A 402's figures: the AI credit balance and what the request costs. */
    readonly credits?: { balance: number; price: number },
    /** The problem type (`about:blank` or https://engage.test/problems/<slug>). */
    readonly type = 'about:blank',
    /** The extension members of the problem document (detected, accepted, reason, scope…). */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail || title);
  }

  static from(response: Response, body: unknown): ApiProblem {
    const problem = (typeof body === 'object' && body !== null ? body : {}) as Partial<Problem>;
    return new ApiProblem(
      problem.status ?? response.status,
      problem.title ?? response.statusText ?? 'Request failed',
      problem.detail ?? '',
      problem.errors ?? [],
      typeof problem.balance === 'number' && typeof problem.price === 'number'
        ? { balance: problem.balance, price: problem.price }
        : undefined,
      typeof problem.type === 'string' ? problem.type : 'about:blank',
      problem as Record<string, unknown>,
    );
  }

  /** The last segment of a specific problem type ("unsupported-file-type"), or null for about:blank. */
  get slug(): string | null {
    const match = /\/problems\/([a-z0-9-]+)$/.exec(this.type);
    return match?.[1] ?? null;
  }

  static network(cause: unknown): ApiProblem {
    return new ApiProblem(0, 'Network error', `The API could not be reached (${String(cause)})`);
  }

  /** The message for a form field (paths as the API reports them, e.g. `rate.amount`). */
  fieldError(path: string): string | undefined {
    return this.errors.find((e) => e.path === path || e.path === `body.${path}`)?.message;
  }
}

/** Any thrown value as a problem (an exception in our own code shows as one too, not as a blank page). */
export function asProblem(error: unknown): ApiProblem {
  if (error instanceof ApiProblem) return error;
  return new ApiProblem(0, 'Something went wrong', error instanceof Error ? error.message : String(error));
}
