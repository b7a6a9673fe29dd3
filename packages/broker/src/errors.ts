/**
 * Typed errors of the broker. Each carries a stable machine-readable `code`
 * (sent to clients as `error`, see `BrokerErrorCode` in `openapi/broker.yaml`),
 * the HTTP status the API answers with, and a message a person can act on.
 * No message ever contains a token, a password or the broker secret.
 */

import type { BrokerErrorCode } from '@vobridge/sdk/broker';

/** Stable error codes of the broker API: the spec's `BrokerErrorCode` (`openapi/broker.yaml`). */
export type { BrokerErrorCode };

/** Base class of every error the broker raises or answers with. */
export class BrokerError extends Error {
  /** Machine-readable code, also the `error` field of the HTTP error body. */
  readonly code: BrokerErrorCode;
  /** HTTP status the API answers with. */
  readonly status: number;
  /** The login concerned, when there is one. */
  readonly loginId?: string;
  /** The platform concerned, when there is one. */
  readonly platform?: string;

  constructor(
    code: BrokerErrorCode,
    status: number,
    message: string,
    options?: { cause?: unknown; loginId?: string; platform?: string },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = status;
    if (options?.loginId !== undefined) this.loginId = options.loginId;
    if (options?.platform !== undefined) this.platform = options.platform;
  }
}

/** The request was malformed (missing or invalid parameter or body). */
export class BadRequestError extends BrokerError {
  constructor(message: string) {
    super('bad_request', 400, message);
  }
}

/** The request did not carry the broker secret, or carried a wrong one. */
export class UnauthorizedError extends BrokerError {
  constructor() {
    super(
      'unauthorized',
      401,
      'Missing or wrong broker secret: send "Authorization: Bearer <secret>" with the secret from the runtime file or VOBRIDGE_BROKER_SECRET.',
    );
  }
}

/**
 * The request came from a browser context (Origin, Cookie or Sec-Fetch-Site
 * headers) or named another host than the broker's loopback address (DNS
 * rebinding): refused.
 */
export class OriginRefusedError extends BrokerError {
  constructor(what: 'browser' | 'host') {
    super(
      'origin_refused',
      403,
      what === 'browser'
        ? 'Requests from web pages are refused: the broker only serves local programs (no Origin, Cookie or Sec-Fetch-Site headers).'
        : "The Host header must be the broker's loopback address and port.",
    );
  }
}

/** Too many requests from this client. */
export class RateLimitedError extends BrokerError {
  /** Seconds after which the client may retry. */
  readonly retryAfter: number;

  constructor(retryAfter: number) {
    super('rate_limited', 429, `Too many requests; retry in ${retryAfter} s.`);
    this.retryAfter = retryAfter;
  }
}

/** A login (or other resource) with the given id does not exist. */
export class NotFoundError extends BrokerError {
  constructor(message: string) {
    super('not_found', 404, message);
  }
}

/** No login at all: the user must log in to a platform first. */
export class NotLoggedInError extends BrokerError {
  /** `platform`: the one a request named, when it is that platform the user is not logged in to. */
  constructor(origin: string, platform?: 'platform') {
    super(
      'not_logged_in',
      403,
      platform === undefined
        ? `Not logged in to any platform, so there is no token for ${origin}. Log in first (JupyterLab login panel or \`vobridge login <platform-url>\`).`
        : `Not logged in to ${origin}. Log in first (JupyterLab login panel or \`vobridge login ${origin}\`).`,
      platform === undefined ? undefined : { platform: origin },
    );
  }
}

/** Logins exist, but none covers the URL's origin. */
export class OutOfScopeError extends BrokerError {
  constructor(message: string) {
    super('out_of_scope', 403, message);
  }
}

/** The login covering the URL still waits for the user (device code or browser login not finished). */
export class LoginPendingError extends BrokerError {
  constructor(loginId: string, platform: string) {
    super('login_pending', 409, `The login to ${platform} is still waiting for the user to finish it.`, {
      loginId,
      platform,
    });
  }
}

/** The login covering the URL has expired and cannot be refreshed: log in again (`where`: at JupyterHub, for its logins). */
export class LoginRequiredError extends BrokerError {
  constructor(loginId: string, platform: string, reason: string, where?: 'hub') {
    super(
      'login_required',
      424,
      where === 'hub'
        ? `The login to ${platform} through JupyterHub has expired: ${reason}`
        : `The login to ${platform} has expired and cannot be refreshed (${reason}). Log in again.`,
      { loginId, platform },
    );
  }
}

/** The platform refused the credentials (wrong password, denied consent, expired device code...). */
export class InvalidCredentialsError extends BrokerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('invalid_credentials', 401, message, options);
  }
}

/** The platform does not offer the requested login method. */
export class MethodUnsupportedError extends BrokerError {
  constructor(message: string) {
    super('method_unsupported', 422, message);
  }
}

/** The platform could not be reached or answered something unusable. */
export class PlatformUnreachableError extends BrokerError {
  constructor(message: string, options?: { cause?: unknown; loginId?: string; platform?: string }) {
    super('platform_unreachable', 502, message, options);
  }
}

/**
 * The platform sent a URL the broker will not follow, open or send a
 * credential to (a `javascript:` authorization endpoint, plain http off this
 * machine...): the SDK's `UnsafeUrlError`, passed on.
 */
export class UnsafeUrlError extends BrokerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('unsafe_url', 502, message, options);
  }
}

/** Another live broker already owns the runtime file. */
export class AlreadyRunningError extends BrokerError {
  constructor(path: string, pid: number) {
    super(
      'already_running',
      409,
      `Another vobridge broker (pid ${pid}) is running and owns ${path}; stop it or choose another --runtime-file.`,
    );
  }
}
