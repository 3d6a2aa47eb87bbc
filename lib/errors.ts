/**
 * One error type for expected failures, with a code that maps to an HTTP status in one
 * table. Anything else is a bug and surfaces as 500.
 */
export const APP_ERROR_STATUS = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_INPUT: 400,
  CONFLICT: 409,
  AWS_ERROR: 502,
  UNAVAILABLE: 503,
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_STATUS;

export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  get status(): number {
    return APP_ERROR_STATUS[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** A short, single-line description of any thrown value (for logs and stored errors). */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const prefix = error.name && error.name !== "Error" ? `${error.name}: ` : typeof code === "string" ? `${code}: ` : "";
    return `${prefix}${error.message}`.replace(/\s+/g, " ").trim();
  }
  return String(error);
}
