import { request as httpRequest } from 'node:http';
import {
  BROKER_NONCE_HEADER,
  BROKER_PROOF_HEADER,
  BROKER_PROOF_SCHEME,
  brokerRequestProof,
  brokerResponseProof,
  newBrokerNonce,
} from '@vobridge/sdk/node';
import { CliError } from '../errors.js';
import { ExitCode, type ExitCodeValue } from '../exitCodes.js';
import type {
  BrokerDiscovery,
  BrokerErrorBody,
  BrokerLogin,
  BrokerLoginRequest,
  BrokerToken,
  PendingDeviceLogin,
} from './types.js';

/** Where a broker listens and the secret it wants. */
export interface BrokerEndpoint {
  /** Base URL, `http://127.0.0.1:<port>`. */
  url: string;
  /** Shared secret, sent as `Authorization: Bearer <secret>`. */
  secret: string;
}

const LOGIN_HINT = 'Log in with: vobridge login <platform-url>';

/** Broker error codes mapped to what the user must do next. */
const BROKER_ERRORS: Record<string, { exit: ExitCodeValue; hint?: string }> = {
  bad_request: { exit: ExitCode.USAGE },
  unauthorized: {
    exit: ExitCode.UNAVAILABLE,
    hint: 'The broker secret does not match: check VOBRIDGE_BROKER_SECRET or restart with vobridge broker start.',
  },
  origin_refused: { exit: ExitCode.FORBIDDEN },
  out_of_scope: { exit: ExitCode.AUTH, hint: LOGIN_HINT },
  not_logged_in: { exit: ExitCode.AUTH, hint: LOGIN_HINT },
  not_found: { exit: ExitCode.NOT_FOUND },
  login_pending: { exit: ExitCode.AUTH, hint: 'Finish the login in the browser first (vobridge status shows it).' },
  login_required: { exit: ExitCode.AUTH, hint: LOGIN_HINT },
  invalid_credentials: {
    exit: ExitCode.AUTH,
    hint: 'Check the user name and password, then run vobridge login again.',
  },
  method_unsupported: { exit: ExitCode.USAGE, hint: 'Pick another method with --method (vobridge login --help).' },
  platform_unreachable: { exit: ExitCode.UNAVAILABLE, hint: 'Check the platform URL and your network connection.' },
  unsafe_url: { exit: ExitCode.FAILED, hint: 'Nothing was opened or sent; tell the platform operators.' },
  rate_limited: { exit: ExitCode.UNAVAILABLE, hint: 'Wait a moment and try again.' },
  already_running: { exit: ExitCode.CONFLICT },
};

/**
 * A small client for the local token broker (`openapi/broker.yaml`). The
 * broker secret goes only to the broker's own loopback URL; error answers
 * become {@link CliError}s carrying the broker's message, which by contract
 * never contains a token.
 */
export class BrokerClient {
  readonly #endpoint: BrokerEndpoint;

  constructor(endpoint: BrokerEndpoint) {
    this.#endpoint = endpoint;
  }

  /** The broker's base URL. */
  get url(): string {
    return this.#endpoint.url;
  }

  /** True when the broker answers its health check with this secret. */
  async healthy(): Promise<boolean> {
    try {
      await this.#request('GET', '/healthz');
      return true;
    } catch {
      return false;
    }
  }

  /** A token for `serviceUrl`, valid for at least `minValid` seconds. */
  async token(serviceUrl: string, minValid?: number): Promise<BrokerToken> {
    const query = new URLSearchParams({ url: serviceUrl });
    if (minValid !== undefined) query.set('min_valid', String(minValid));
    const body = await this.#request<BrokerToken>('GET', `/v1/token?${query}`);
    if (typeof body.token !== 'string' || body.token === '')
      throw new CliError('the broker answered without a token', ExitCode.FAILED);
    return body;
  }

  /** Every login (no tokens). */
  async logins(): Promise<BrokerLogin[]> {
    return this.#request<BrokerLogin[]>('GET', '/v1/logins');
  }

  /** One login by id. */
  async login(id: string): Promise<BrokerLogin> {
    return this.#request<BrokerLogin>('GET', `/v1/logins/${encodeURIComponent(id)}`);
  }

  /** Start a login; device logins come back pending with the code to show. */
  async startLogin(request: BrokerLoginRequest): Promise<PendingDeviceLogin> {
    return this.#request<PendingDeviceLogin>('POST', '/v1/logins', request);
  }

  /** Log out of one login. */
  async logout(id: string): Promise<void> {
    await this.#request('DELETE', `/v1/logins/${encodeURIComponent(id)}`);
  }

  /** Login methods a platform URL offers, in preference order. */
  async discover(url: string): Promise<BrokerDiscovery> {
    return this.#request<BrokerDiscovery>('GET', `/v1/discover?${new URLSearchParams({ url })}`);
  }

  async #request<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    let response: { status: number; text: string };
    try {
      response = await loopbackRequest(`${this.#endpoint.url}${path}`, method, this.#endpoint.secret, body);
    } catch (error) {
      if (error instanceof NotTheBrokerError)
        throw new CliError(error.message, ExitCode.UNAVAILABLE, 'Restart it with: vobridge broker start', {
          cause: error,
        });
      throw new CliError(
        `cannot reach the broker at ${this.#endpoint.url}`,
        ExitCode.UNAVAILABLE,
        'Start it with: vobridge broker start',
        { cause: error },
      );
    }
    if (response.status >= 200 && response.status < 300)
      return (response.text === '' ? undefined : JSON.parse(response.text)) as T;
    throw brokerError(response.status, response.text);
  }
}

/** Longest broker answer read (logins and sessions lists are small). */
const MAX_BODY = 4 * 1024 * 1024;

/**
 * One request with node:http rather than fetch: fetch adds `Sec-Fetch-*`
 * headers, which the broker refuses as coming from a browser. The secret is
 * never sent: the request carries an HMAC of a fresh nonce under it, and an
 * answer without the broker's proof of that nonce is refused, so whatever
 * listens on a dead broker's address learns nothing and can plant nothing.
 */
function loopbackRequest(
  url: string,
  method: string,
  secret: string,
  body: unknown,
): Promise<{ status: number; text: string }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const nonce = newBrokerNonce();
  const target = new URL(url);
  const proof = brokerRequestProof(secret, nonce, method, `${target.pathname}${target.search}`);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method,
        headers: {
          authorization: `${BROKER_PROOF_SCHEME} ${proof}`,
          [BROKER_NONCE_HEADER]: nonce,
          accept: 'application/json',
          ...(payload === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
        },
      },
      (res) => {
        const answered = res.headers[BROKER_PROOF_HEADER];
        if (answered !== brokerResponseProof(secret, nonce)) {
          res.resume();
          reject(new NotTheBrokerError(target.origin));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY) req.destroy(new Error('broker answer too large'));
          else chunks.push(chunk);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Something answered at the broker's address without proving it holds the secret. */
class NotTheBrokerError extends Error {
  constructor(origin: string) {
    super(`what answers at ${origin} could not prove it is the vobridge broker (no proof of the secret)`);
  }
}

function brokerError(status: number, text: string): CliError {
  let parsed: Partial<BrokerErrorBody> = {};
  try {
    parsed = JSON.parse(text) as Partial<BrokerErrorBody>;
  } catch {
    // Not JSON: only the status is worth reporting.
  }
  const code = typeof parsed.error === 'string' ? parsed.error : `http_${status}`;
  const known = BROKER_ERRORS[code];
  const message = typeof parsed.message === 'string' ? parsed.message : `the broker answered HTTP ${status}`;
  const exit =
    known?.exit ?? (status === 404 ? ExitCode.NOT_FOUND : status >= 500 ? ExitCode.UNAVAILABLE : ExitCode.FAILED);
  return new CliError(message, exit, known?.hint);
}
