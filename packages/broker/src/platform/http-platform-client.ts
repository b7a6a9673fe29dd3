import { createHash, randomBytes } from 'node:crypto';
import { parseChallenges } from '@vobridge/sdk';
import { setTimeout as sleep } from 'node:timers/promises';
import { InvalidCredentialsError, MethodUnsupportedError, PlatformUnreachableError } from '../errors.js';
import { issuedToken, type IssuedToken } from '../logins/token.js';
import { form, platformFetch, readJsonObject, withoutQuery } from './http.js';
import {
  RenewalRefusedError,
  type DeviceLoginStart,
  type Grant,
  type PkceLoginStart,
  type PlatformClient,
  type Renewal,
} from './platform-client.js';

/** Options of {@link HttpPlatformClient}. */
export interface HttpPlatformClientOptions {
  /** OAuth client id the broker registers as on platforms (a public client). Default `vobridge`. */
  clientId?: string;
  /** Scope asked for in OIDC logins. Default `openid offline_access`. */
  scope?: string;
}

interface OidcEndpoints {
  tokenEndpoint: string;
  deviceEndpoint?: string;
  authorizationEndpoint?: string;
}

const PASSWORD_STANDARD_ID = 'ivo://ivoa.net/sso#tls-with-password';

/** {@link PlatformClient} speaking HTTP to IVOA / CANFAR-style platforms. */
export class HttpPlatformClient implements PlatformClient {
  readonly #clientId: string;
  readonly #scope: string;

  constructor(options: HttpPlatformClientOptions = {}) {
    this.#clientId = options.clientId ?? 'vobridge';
    this.#scope = options.scope ?? 'openid offline_access';
  }

  async passwordLogin(url: URL, username: string, password: string): Promise<Grant> {
    const loginUrl = await this.#passwordLoginUrl(url);
    const token = await passwordToken(loginUrl, username, password, (status) =>
      new InvalidCredentialsError(status === 401 || status === 403
        ? `${url.origin} refused the user name or password.`
        : `Password login at ${withoutQuery(loginUrl)} failed with status ${status}.`),
    );
    return {
      token,
      renewal: { kind: 'password', loginUrl, username, password },
      platform: url.origin,
      origins: await this.#platformOrigins(url, [new URL(loginUrl).origin]),
    };
  }

  async tokenLogin(url: URL, accessToken: string, refreshToken?: string): Promise<Grant> {
    const token = issuedToken(accessToken);
    let renewal: Renewal = { kind: 'none' };
    if (refreshToken) {
      const oidc = await this.#oidc(url);
      renewal = { kind: 'refresh_token', tokenEndpoint: oidc.tokenEndpoint, clientId: this.#clientId, refreshToken };
    }
    return { token, renewal, platform: url.origin, origins: await this.#platformOrigins(url, []) };
  }

  async startDeviceLogin(url: URL, options: { scope?: string; signal: AbortSignal }): Promise<DeviceLoginStart> {
    const oidc = await this.#oidc(url);
    if (!oidc.deviceEndpoint) throw new MethodUnsupportedError(`${url.origin} does not offer the OIDC device flow.`);
    const response = await platformFetch(oidc.deviceEndpoint, form({ client_id: this.#clientId, scope: options.scope ?? this.#scope }));
    const body = await readJsonObject(response, 'Device authorization');
    if (!response.ok) throw new InvalidCredentialsError(oauthMessage(url.origin, body, 'device authorization'));
    const deviceCode = stringField(body, 'device_code');
    const userCode = stringField(body, 'user_code');
    const verificationUri = stringField(body, 'verification_uri');
    const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : 600;
    const interval = typeof body.interval === 'number' ? body.interval : 5;
    const origins = await this.#platformOrigins(url, []);
    const completion = this.#pollDevice(url, oidc.tokenEndpoint, deviceCode, interval, expiresIn, options.signal).then(
      ({ token, renewal }): Grant => ({ token, renewal, platform: url.origin, origins }),
    );
    // The caller may drop the start result before awaiting completion; the rejection is still observed there.
    completion.catch(() => undefined);
    return {
      userCode,
      verificationUri,
      interval,
      ...(typeof body.verification_uri_complete === 'string' ? { verificationUriComplete: body.verification_uri_complete } : {}),
      expiresIn,
      completion,
    };
  }

  async startPkceLogin(url: URL, options: { redirectUri: string; scope?: string }): Promise<PkceLoginStart> {
    const oidc = await this.#oidc(url);
    if (!oidc.authorizationEndpoint) throw new MethodUnsupportedError(`${url.origin} does not offer the OIDC authorization code flow.`);
    const verifier = randomBytes(32).toString('base64url');
    const state = randomBytes(16).toString('base64url');
    const authorizationUrl = new URL(oidc.authorizationEndpoint);
    const query = authorizationUrl.searchParams;
    query.set('response_type', 'code');
    query.set('client_id', this.#clientId);
    query.set('redirect_uri', options.redirectUri);
    query.set('scope', options.scope ?? this.#scope);
    query.set('state', state);
    query.set('code_challenge', createHash('sha256').update(verifier).digest('base64url'));
    query.set('code_challenge_method', 'S256');
    const origins = await this.#platformOrigins(url, []);
    return {
      authorizationUrl: authorizationUrl.toString(),
      state,
      complete: async (code: string): Promise<Grant> => {
        const { token, renewal } = await this.#tokenRequest(url.origin, oidc.tokenEndpoint, {
          grant_type: 'authorization_code',
          code,
          redirect_uri: options.redirectUri,
          code_verifier: verifier,
        });
        return { token, renewal, platform: url.origin, origins };
      },
    };
  }

  async renew(renewal: Renewal): Promise<{ token: IssuedToken; renewal: Renewal }> {
    switch (renewal.kind) {
      case 'password': {
        const token = await passwordToken(renewal.loginUrl, renewal.username, renewal.password, (status) =>
          status === 401 || status === 403
            ? new RenewalRefusedError('the platform no longer accepts the password')
            : new PlatformUnreachableError(`Password login at ${withoutQuery(renewal.loginUrl)} failed with status ${status}.`),
        );
        return { token, renewal };
      }
      case 'refresh_token': {
        const origin = new URL(renewal.tokenEndpoint).origin;
        return this.#tokenRequest(origin, renewal.tokenEndpoint, { grant_type: 'refresh_token', refresh_token: renewal.refreshToken }, renewal);
      }
      case 'none':
        throw new RenewalRefusedError('this login has no refresh token');
    }
  }

  async listSessions(platform: string, token: string): Promise<unknown[]> {
    const base = (await this.#serviceBase(platform, 'sessions')) ?? `${platform}/skaha/v1`;
    const response = await platformFetch(`${base.replace(/\/$/, '')}/session`, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    });
    if (!response.ok) throw new PlatformUnreachableError(`Listing sessions at ${platform} failed with status ${response.status}.`);
    const value: unknown = await response.json().catch(() => undefined);
    if (!Array.isArray(value)) throw new PlatformUnreachableError(`The sessions service of ${platform} did not answer a JSON list.`);
    return value;
  }

  async #tokenRequest(
    origin: string,
    tokenEndpoint: string,
    fields: Record<string, string>,
    previous?: Renewal & { kind: 'refresh_token' },
  ): Promise<{ token: IssuedToken; renewal: Renewal }> {
    const response = await platformFetch(tokenEndpoint, form({ ...fields, client_id: this.#clientId }));
    const body = await readJsonObject(response, 'The token endpoint');
    if (!response.ok) {
      if (fields.grant_type === 'refresh_token' && body.error === 'invalid_grant') {
        throw new RenewalRefusedError('the platform revoked or expired the refresh token');
      }
      if (response.status >= 500) throw new PlatformUnreachableError(oauthMessage(origin, body, 'token request'));
      throw new InvalidCredentialsError(oauthMessage(origin, body, 'token request'));
    }
    return tokenSet(body, tokenEndpoint, this.#clientId, previous);
  }

  async #pollDevice(
    url: URL,
    tokenEndpoint: string,
    deviceCode: string,
    interval: number,
    expiresIn: number,
    signal: AbortSignal,
  ): Promise<{ token: IssuedToken; renewal: Renewal }> {
    const deadline = Date.now() + expiresIn * 1000;
    let wait = interval;
    while (Date.now() < deadline) {
      await sleep(wait * 1000, undefined, { signal });
      const response = await platformFetch(
        tokenEndpoint,
        form({ grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: deviceCode, client_id: this.#clientId }),
        signal,
      );
      const body = await readJsonObject(response, 'The token endpoint');
      if (response.ok) return tokenSet(body, tokenEndpoint, this.#clientId);
      if (body.error === 'authorization_pending') continue;
      if (body.error === 'slow_down') {
        wait += 5;
        continue;
      }
      throw new InvalidCredentialsError(oauthMessage(url.origin, body, 'device login'));
    }
    throw new InvalidCredentialsError(`The device code for ${url.origin} expired before the login was approved.`);
  }

  async #passwordLoginUrl(url: URL): Promise<string> {
    const response = await platformFetch(url, { method: 'HEAD' }).catch(() => undefined);
    const fromChallenge = passwordAccessUrl(response?.headers.get('www-authenticate') ?? null);
    const candidate = fromChallenge ?? `${url.origin}/ac/login`;
    const loginUrl = new URL(candidate, url);
    // A password only travels over https, or back to the very origin the user named.
    if (loginUrl.protocol !== 'https:' && loginUrl.origin !== url.origin) {
      throw new InvalidCredentialsError(`${url.origin} points its password login at ${withoutQuery(loginUrl)}, which is neither https nor the same origin: refused.`);
    }
    return loginUrl.toString();
  }

  async #oidc(url: URL): Promise<OidcEndpoints> {
    const response = await platformFetch(`${url.origin}/.well-known/openid-configuration`, { headers: { accept: 'application/json' } });
    if (!response.ok) throw new MethodUnsupportedError(`${url.origin} has no OpenID Connect discovery document (status ${response.status}).`);
    const body = await readJsonObject(response, 'OIDC discovery');
    const tokenEndpoint = stringField(body, 'token_endpoint');
    return {
      tokenEndpoint,
      ...(typeof body.device_authorization_endpoint === 'string' ? { deviceEndpoint: body.device_authorization_endpoint } : {}),
      ...(typeof body.authorization_endpoint === 'string' ? { authorizationEndpoint: body.authorization_endpoint } : {}),
    };
  }

  /** The platform origin, `extra` origins, and the origins of the services its index lists. */
  async #platformOrigins(url: URL, extra: readonly string[]): Promise<string[]> {
    const origins = new Set<string>([url.origin, ...extra]);
    for (const service of await this.#serviceIndex(url.origin)) {
      try {
        origins.add(new URL(service.baseUrl).origin);
      } catch {
        // An unparsable entry adds nothing.
      }
    }
    return [...origins];
  }

  async #serviceBase(platform: string, name: string): Promise<string | undefined> {
    return (await this.#serviceIndex(platform)).find((service) => service.name === name)?.baseUrl;
  }

  async #serviceIndex(origin: string): Promise<{ name: string; baseUrl: string }[]> {
    const response = await platformFetch(`${origin}/`, { headers: { accept: 'application/json' } }).catch(() => undefined);
    if (!response?.ok) return [];
    const body = await response.json().catch(() => undefined) as { services?: unknown } | undefined;
    if (!body || !Array.isArray(body.services)) return [];
    return body.services.filter(
      (s): s is { name: string; baseUrl: string } =>
        typeof s === 'object' && s !== null && typeof (s as { name?: unknown }).name === 'string' && typeof (s as { baseUrl?: unknown }).baseUrl === 'string',
    );
  }
}

async function passwordToken(
  loginUrl: string,
  username: string,
  password: string,
  refused: (status: number) => Error,
): Promise<IssuedToken> {
  const response = await platformFetch(loginUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/plain' },
    body: new URLSearchParams({ username, password }).toString(),
  });
  if (!response.ok) throw refused(response.status);
  const body = (await response.text()).trim();
  const token = response.headers.get('x-vo-bearer')?.trim() || body;
  if (!token || /\s/.test(token)) throw new PlatformUnreachableError(`Password login at ${withoutQuery(loginUrl)} answered no usable token.`);
  const user = response.headers.get('x-vo-authenticated') ?? username;
  return issuedToken(token, { user });
}

function tokenSet(
  body: Record<string, unknown>,
  tokenEndpoint: string,
  clientId: string,
  previous?: Renewal & { kind: 'refresh_token' },
): { token: IssuedToken; renewal: Renewal } {
  const accessToken = stringField(body, 'access_token');
  const idUser = typeof body.id_token === 'string' ? userOfIdToken(body.id_token) : undefined;
  const token = issuedToken(accessToken, {
    ...(typeof body.expires_in === 'number' ? { expiresIn: body.expires_in } : {}),
    ...(typeof body.scope === 'string' ? { scope: body.scope } : {}),
    ...(idUser !== undefined ? { user: idUser } : {}),
  });
  const refreshToken = typeof body.refresh_token === 'string' ? body.refresh_token : previous?.refreshToken;
  const renewal: Renewal = refreshToken ? { kind: 'refresh_token', tokenEndpoint, clientId, refreshToken } : { kind: 'none' };
  return { token, renewal };
}

function userOfIdToken(idToken: string): string | undefined {
  return issuedToken(idToken).user;
}

function stringField(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || !value) throw new PlatformUnreachableError(`The platform's answer lacks "${name}".`);
  return value;
}

function oauthMessage(origin: string, body: Record<string, unknown>, what: string): string {
  const code = typeof body.error === 'string' ? body.error : 'unknown_error';
  const description = typeof body.error_description === 'string' ? `: ${body.error_description}` : '';
  return `${origin} refused the ${what} (${code}${description}).`;
}

/** The access URL of an IVOA password-login challenge (any spelling of the scheme), if the header has one. */
function passwordAccessUrl(header: string | null): string | undefined {
  return parseChallenges(header).find((challenge) => challenge.params.standard_id === PASSWORD_STANDARD_ID && challenge.params.access_url)
    ?.params.access_url;
}
