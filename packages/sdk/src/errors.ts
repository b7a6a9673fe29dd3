// The SDK's typed error hierarchy. Every failure the SDK reports is a
// `VobridgeError` with a stable `code`, so callers branch on `instanceof` or
// `code` rather than on message text. Messages say what to do next and never
// contain a credential: URLs are reduced to origin + path before they are
// stored, because query strings are where tokens and signed URLs live.

import type { Challenge } from './auth/challenges/challenge.js';
import { redactUrl } from './lib/redact.js';

export { redactUrl };

/** Error codes used by the SDK. Stable: part of the public API. */
export type VobridgeErrorCode =
  | 'ERR_VOBRIDGE'
  | 'ERR_NETWORK'
  | 'ERR_TIMEOUT'
  | 'ERR_ABORTED'
  | 'ERR_PROTOCOL'
  | 'ERR_HTTP'
  | 'ERR_AUTHENTICATION'
  | 'ERR_NOT_FOUND'
  | 'ERR_PERMISSION'
  | 'ERR_JWT_INVALID'
  | 'ERR_OAUTH'
  | 'ERR_CONFIGURATION'
  | 'ERR_UNSAFE_URL'
  | 'ERR_REGISTRY';

/** Base class of every error the SDK throws. */
export class VobridgeError extends Error {
  /** Machine-readable error code. */
  readonly code: VobridgeErrorCode = 'ERR_VOBRIDGE';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The request never got an HTTP answer: DNS, connection refused, reset, TLS. */
export class NetworkError extends VobridgeError {
  override readonly code = 'ERR_NETWORK';
  /** Redacted URL (origin + path) of the request that failed. */
  readonly url: string;

  constructor(url: string | URL, options?: { cause?: unknown; message?: string }) {
    const where = redactUrl(url);
    super(options?.message ?? `Could not reach ${where}: check the URL and your network connection.`, options);
    this.url = where;
  }
}

/** An operation exceeded its time limit. */
export class TimeoutError extends VobridgeError {
  override readonly code = 'ERR_TIMEOUT';
  /** The limit that was exceeded, in milliseconds. */
  readonly timeoutMs: number;
  /** Redacted URL of the request, when the timeout concerned one. */
  readonly url: string | undefined;

  constructor(timeoutMs: number, url?: string | URL, options?: { cause?: unknown; message?: string }) {
    const where = url === undefined ? undefined : redactUrl(url);
    super(
      options?.message ??
        `No answer${where ? ` from ${where}` : ''} within ${timeoutMs} ms: the service may be down or slow; retry or raise the timeout.`,
      options,
    );
    this.timeoutMs = timeoutMs;
    this.url = where;
  }
}

/** The caller aborted the operation through its `AbortSignal`. */
export class AbortError extends VobridgeError {
  override readonly code = 'ERR_ABORTED';

  constructor(message = 'The operation was aborted.', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * A platform sent a URL that is not safe to follow, open or send a credential
 * to: not an absolute `https:` URL (`http:` is accepted for loopback only), or
 * one with user-info. The URL itself is never echoed, only its scheme.
 */
export class UnsafeUrlError extends VobridgeError {
  override readonly code = 'ERR_UNSAFE_URL';
  /** Where the URL came from (`authorization_endpoint`, `verification_uri`, `connectURL`, ...). */
  readonly field: string;
  /** Its scheme (`javascript:`), when it parsed as a URL at all. */
  readonly scheme: string | undefined;

  constructor(field: string, scheme: string | undefined) {
    super(
      `The platform's ${field} is not a safe URL${scheme === undefined ? ' (not an absolute URL)' : ` (${scheme})`}: only https: is accepted, and http: for this machine's loopback address. Nothing was opened or sent.`,
    );
    this.field = field;
    this.scheme = scheme;
  }
}

/** Why a token was rejected. */
export type JwtRejection =
  | 'malformed'
  | 'algorithm'
  | 'signature'
  | 'unknown-key'
  | 'expired'
  | 'not-yet-valid'
  | 'issuer'
  | 'audience'
  | 'claim'
  | 'jwks-unavailable';

/** A JWT failed validation. The message names the reason, never the token. */
export class JwtValidationError extends VobridgeError {
  override readonly code = 'ERR_JWT_INVALID';
  /** Machine-readable reason. */
  readonly reason: JwtRejection;

  constructor(reason: JwtRejection, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}

/** Where in a document a protocol error was found. */
export interface ErrorLocation {
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
}

/** A peer answered with something that does not follow the protocol (bad XML, bad JSON, missing field). */
export class ProtocolError extends VobridgeError {
  override readonly code = 'ERR_PROTOCOL';
  /** The XML element (or JSON member) concerned, if known. */
  readonly element: string | undefined;
  /** Position in the document, for parse errors. */
  readonly location: ErrorLocation | undefined;

  constructor(message: string, options?: { cause?: unknown; element?: string; location?: ErrorLocation }) {
    super(message, options);
    this.element = options?.element;
    this.location = options?.location;
  }
}

/** Options shared by the HTTP error constructors. */
export interface HttpErrorOptions {
  /** Error text from the body (IVOA plain text or JSON `message`/`error_description`). */
  detail?: string;
  /** Overrides the generated message. */
  message?: string;
  cause?: unknown;
}

/** The service answered with an HTTP error status. */
export class HttpError extends VobridgeError {
  override readonly code: VobridgeErrorCode = 'ERR_HTTP';
  /** HTTP status code. */
  readonly status: number;
  /** Redacted request URL (origin + path, no query). */
  readonly url: string;
  /** Error text the service sent, if any (trimmed, bounded length). */
  readonly detail: string | undefined;

  constructor(status: number, url: string | URL, options?: HttpErrorOptions) {
    const where = redactUrl(url);
    const detail = options?.detail === undefined ? undefined : boundDetail(options.detail);
    super(options?.message ?? `HTTP ${status} from ${where}${detail ? `: ${detail}` : ''}`, options);
    this.status = status;
    this.url = where;
    this.detail = detail;
  }
}

/**
 * Authentication is required or failed: a 401, a rejected login, an
 * unusable or invalid token. Carries the challenges the service sent so the
 * caller can pick a login method.
 */
export class AuthenticationError extends HttpError {
  override readonly code = 'ERR_AUTHENTICATION';
  /** Challenges from `WWW-Authenticate`, parsed. Empty when none were sent. */
  readonly challenges: readonly Challenge[];

  constructor(status: number, url: string | URL, options?: HttpErrorOptions & { challenges?: readonly Challenge[] }) {
    super(status, url, {
      ...options,
      message:
        options?.message ??
        `Authentication required for ${redactUrl(url)} (HTTP ${status}): log in or refresh your credentials.`,
    });
    this.challenges = options?.challenges ?? [];
  }
}

/** The resource does not exist (HTTP 404 or 410). */
export class NotFoundError extends HttpError {
  override readonly code = 'ERR_NOT_FOUND';

  constructor(status: number, url: string | URL, options?: HttpErrorOptions) {
    super(status, url, {
      ...options,
      message: options?.message ?? `Not found: ${redactUrl(url)} (HTTP ${status}).`,
    });
  }
}

/** Authenticated, but not allowed (HTTP 403). */
export class PermissionError extends HttpError {
  override readonly code = 'ERR_PERMISSION';

  constructor(status: number, url: string | URL, options?: HttpErrorOptions) {
    super(status, url, {
      ...options,
      message:
        options?.message ??
        `Permission denied for ${redactUrl(url)} (HTTP ${status}): your identity lacks access; check group membership.`,
    });
  }
}

/**
 * An OAuth 2 / OIDC endpoint answered with an error (`invalid_grant`,
 * `access_denied`, `expired_token`, ...). `error` is the RFC 6749 code.
 */
export class OAuthError extends VobridgeError {
  override readonly code = 'ERR_OAUTH';
  /** RFC 6749 / 8628 error code. */
  readonly error: string;
  /** The server's `error_description`, if any. */
  readonly description: string | undefined;
  /** HTTP status of the error answer. */
  readonly status: number | undefined;

  constructor(error: string, options?: { description?: string; status?: number; message?: string; cause?: unknown }) {
    super(
      options?.message ??
        `The authorization server refused the request (${error})${options?.description ? `: ${boundDetail(options.description)}` : ''}.`,
      options,
    );
    this.error = error;
    this.description = options?.description;
    this.status = options?.status;
  }
}

/**
 * A registry could not tell where a service is: no registry at the URL, a
 * resource id it does not list, or a platform without the service asked for.
 */
export class RegistryError extends VobridgeError {
  override readonly code = 'ERR_REGISTRY';
}

/** Wrong or missing configuration given to the SDK (bad URL, unusable option). */
export class ConfigurationError extends VobridgeError {
  override readonly code = 'ERR_CONFIGURATION';
}

const MAX_DETAIL = 500;

function boundDetail(text: string): string {
  const t = text.trim();
  return t.length > MAX_DETAIL ? `${t.slice(0, MAX_DETAIL)}…` : t;
}

/**
 * Builds the matching typed error for an error response, reading its body for
 * the service's error text (JSON `message`/`error_description`/`detail`/`error`,
 * or plain text as IVOA services send). Consumes the body.
 *
 * @param challenges - parsed `WWW-Authenticate` challenges, attached to a 401.
 */
export async function errorFromResponse(
  response: Response,
  url: string | URL = response.url,
  challenges: readonly Challenge[] = [],
): Promise<HttpError> {
  const detail = await readErrorDetail(response);
  const opts = detail === undefined ? {} : { detail };
  switch (response.status) {
    case 401:
      return new AuthenticationError(401, url, { ...opts, challenges });
    case 403:
      return new PermissionError(403, url, opts);
    case 404:
    case 410:
      return new NotFoundError(response.status, url, opts);
    default:
      return new HttpError(response.status, url, opts);
  }
}

async function readErrorDetail(response: Response): Promise<string | undefined> {
  let text: string;
  try {
    text = await response.text();
  } catch {
    return undefined;
  }
  if (!text.trim()) return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body: unknown = JSON.parse(text);
      if (body && typeof body === 'object') {
        const b = body as Record<string, unknown>;
        for (const key of ['error_description', 'message', 'detail', 'error']) {
          const v = b[key];
          if (typeof v === 'string' && v) return v;
        }
      }
    } catch {
      // Not JSON after all: fall through to the text.
    }
  }
  if (type.includes('html')) return undefined;
  return text;
}
