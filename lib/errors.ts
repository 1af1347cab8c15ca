/**
 * The hub's one error type. `message` is written for the administrator who will read it: it says what happened and
 * what to do. `code` is stable, for tests and for the site's own code; `field` names the input it is about.
 */
export class HubError extends Error {
  readonly code: string;
  readonly field?: string;
  /** HTTP status for route handlers; server actions return the error as data instead. */
  readonly status: number;

  constructor(code: string, message: string, options: { field?: string; status?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "HubError";
    this.code = code;
    this.field = options.field;
    this.status = options.status ?? 400;
  }

  toJSON(): PublicError {
    return { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) };
  }
}

/**
 * What crosses to the browser or to the site's code: never a stack, never a cause. An `invalid_input` error from a
 * server action also carries `fields`: every invalid input's message by its path ("subject", "attendees.0"), so a
 * form can report them all at once; `field` and `message` are the first of them.
 */
export type PublicError = { code: string; message: string; field?: string; fields?: Record<string, string> };

export type Result<T> = { ok: true; data: T } | { ok: false; error: PublicError };

export function isHubError(error: unknown): error is HubError {
  return error instanceof HubError;
}

export const unauthenticated = () =>
  new HubError("unauthenticated", "Your session has ended. Sign in again to continue.", { status: 401 });

export const forbidden = () =>
  new HubError("forbidden", "Your hub account is not allowed to do this. Ask a hub administrator.", { status: 403 });
