/** Options for {@link HttpError}. */
export interface HttpErrorOptions {
  /**
   * IVOA fault name put first in plain-text bodies (`NodeNotFound`,
   * `PermissionDenied`, ...): `vos` maps the exact text to an errno.
   */
  fault?: string;
  /** Extra response headers (e.g. `WWW-Authenticate`). */
  headers?: Record<string, string>;
  /** The underlying error, kept for the log only. */
  cause?: unknown;
}

/**
 * An error that becomes an HTTP answer. `code` is the machine-readable
 * snake_case `error` of a JSON body; `message` is shown to the client, so
 * it must never contain a token, password or other secret.
 */
export class HttpError extends Error {
  /** HTTP status code. */
  readonly status: number;
  /** Machine-readable error code (`not_found`, `bad_request`, ...). */
  readonly code: string;
  /** IVOA fault name for plain-text bodies, if the protocol defines one. */
  readonly fault: string | undefined;
  /** Extra headers sent with the answer. */
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, options: HttpErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.fault = options.fault;
    this.headers = options.headers ?? {};
  }
}

/** 400: the request is malformed or a parameter is invalid. */
export class BadRequestError extends HttpError {
  constructor(message: string, options: HttpErrorOptions = {}) {
    super(400, 'bad_request', message, options);
    this.name = 'BadRequestError';
  }
}

/** 401: no credential, or an invalid one. Carries the login challenges. */
export class UnauthorizedError extends HttpError {
  constructor(message: string, options: HttpErrorOptions = {}) {
    super(401, 'unauthorized', message, options);
    this.name = 'UnauthorizedError';
  }
}

/** 403: authenticated but not allowed. */
export class ForbiddenError extends HttpError {
  constructor(message: string, options: HttpErrorOptions = {}) {
    super(403, 'forbidden', message, { fault: 'PermissionDenied', ...options });
    this.name = 'ForbiddenError';
  }
}

/** 404: no such resource (also what other users' resources look like). */
export class NotFoundError extends HttpError {
  constructor(message: string, options: HttpErrorOptions = {}) {
    super(404, 'not_found', message, options);
    this.name = 'NotFoundError';
  }
}

/** 405: the resource exists but not with this method. */
export class MethodNotAllowedError extends HttpError {
  constructor(message: string, allow: readonly string[]) {
    super(405, 'method_not_allowed', message, { headers: { Allow: allow.join(', ') } });
    this.name = 'MethodNotAllowedError';
  }
}

/** 409: conflicts with the current state (exists already, wrong phase, ...). */
export class ConflictError extends HttpError {
  constructor(message: string, options: HttpErrorOptions = {}) {
    super(409, 'conflict', message, options);
    this.name = 'ConflictError';
  }
}

/** 415: the request body has a media type this endpoint does not read. */
export class UnsupportedMediaTypeError extends HttpError {
  constructor(message: string) {
    super(415, 'unsupported_media_type', message);
    this.name = 'UnsupportedMediaTypeError';
  }
}

/** 416: the `Range` cannot be satisfied. */
export class RangeNotSatisfiableError extends HttpError {
  constructor(message: string, size: number) {
    super(416, 'range_not_satisfiable', message, { headers: { 'Content-Range': `bytes */${size}` } });
    this.name = 'RangeNotSatisfiableError';
  }
}
