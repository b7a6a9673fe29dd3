import {
  AbortError,
  AuthenticationError,
  ConfigurationError,
  HttpError,
  OAuthError,
  ProtocolError,
  TimeoutError,
  UnsafeUrlError as SdkUnsafeUrlError,
  VobridgeError,
  discoverAuth,
  discoverOidc,
  discoverSessions,
  exchangeToken,
  finishAuthorizationCode,
  loginWithDeviceCode,
  loginWithPassword,
  loginWithPasswordCookie,
  authorizationHeader,
  basicCredential,
  refreshTokens,
  refusedForGood,
  REGISTRY_TTL_MS,
  resolvePlatform,
  SessionsClient,
  SSO,
  startAuthorizationCode,
  type DeviceVerification,
  type FetchLike,
  type OidcMetadata,
  type ResolvedPlatform,
  type TokenSet,
} from '@vobridge/sdk';
import {
  BrokerError,
  InvalidCredentialsError,
  MethodUnsupportedError,
  NotFoundError,
  OutOfScopeError,
  PlatformUnreachableError,
  UnsafeUrlError,
} from '../errors.js';
import { issuedToken, type IssuedToken } from '@vobridge/sdk';
import { withoutQuery } from './http.js';
import { fetchHubToken, outliving } from './hub-tokens.js';
import {
  RenewalRefusedError,
  type DeviceLoginStart,
  type DiscoveredMethod,
  type Discovery,
  type Grant,
  type HubEndpoint,
  type PkceLoginStart,
  type PlatformClient,
  type PasswordCredential,
  type PlatformServices,
  type PresentedCredential,
  type Renewal,
  type SessionsListing,
} from './platform-client.js';

/** Options of {@link HttpPlatformClient}. */
export interface HttpPlatformClientOptions {
  /** OAuth client id the broker registers as on platforms (a public client). Default `vobridge`. */
  clientId?: string;
  /** Scope asked for in OIDC logins. Default `openid offline_access`. */
  scope?: string;
}

/** Time limit of one request to a platform. */
const TIMEOUT_MS = 15_000;

/**
 * {@link PlatformClient} for IVOA / CANFAR-style platforms, built on the
 * SDK's auth layer (discovery, password login, OIDC device flow, PKCE,
 * refresh). Errors come back as the broker's typed errors.
 */
export class HttpPlatformClient implements PlatformClient {
  readonly #clientId: string;
  readonly #scope: string;
  /** Platforms located through their registries, by registry (or origin), for as long as cadcutils caches one. */
  readonly #platforms = new Map<string, { at: number; found: Promise<ResolvedPlatform> }>();

  constructor(options: HttpPlatformClientOptions = {}) {
    this.#clientId = options.clientId ?? 'vobridge';
    this.#scope = options.scope ?? 'openid offline_access';
  }

  async discover(url: URL): Promise<Discovery> {
    const found = await sdk(url.origin, () => discoverAuth(url, { timeoutMs: TIMEOUT_MS }));
    const methods: DiscoveredMethod[] = [];
    for (const method of found.methods) {
      if (method.type === 'password-token' && !methods.some((m) => m.method === 'password')) {
        methods.push({
          method: 'password',
          standard_id: method.standardId ?? SSO.password,
          ...(method.accessUrl ? { login_url: method.accessUrl } : {}),
        });
      }
      if (method.type === 'password-cookie' && method.accessUrl && !methods.some((m) => m.method === 'cookie')) {
        methods.push({ method: 'cookie', standard_id: method.standardId ?? SSO.password, login_url: method.accessUrl });
      }
      if (method.type === 'basic' && !methods.some((m) => m.method === 'basic')) {
        // HTTP Basic is presented to the URL itself: that is where the credentials are checked.
        methods.push({ method: 'basic', standard_id: SSO.basic, login_url: withoutQuery(url) });
      }
      if (method.type === 'oidc' && !methods.some((m) => m.method === 'device' || m.method === 'pkce')) {
        const metadata = await discoverOidc(method.accessUrl ?? url.origin, { timeoutMs: TIMEOUT_MS }).catch(
          (error: unknown) => {
            // A provider that names a javascript: or plain-http endpoint is hostile or broken: say so.
            if (error instanceof SdkUnsafeUrlError) throw brokerErrorOf(error, url.origin);
            return undefined;
          },
        );
        const common = {
          standard_id: method.standardId ?? SSO.oauth,
          ...(metadata ? { issuer: metadata.issuer, token_endpoint: metadata.token_endpoint } : {}),
        };
        if (metadata?.device_authorization_endpoint) {
          methods.push({
            method: 'device',
            ...common,
            device_authorization_endpoint: metadata.device_authorization_endpoint,
          });
        }
        if (metadata?.authorization_endpoint) {
          methods.push({ method: 'pkce', ...common, authorization_endpoint: metadata.authorization_endpoint });
        }
      }
    }
    // The registry's login service (CADC's UMS#login) where no challenge named one.
    const login = (await this.#located(url)).services.login;
    if (login !== undefined && !methods.some((m) => m.method === 'password'))
      methods.push({ method: 'password', standard_id: SSO.password, login_url: login.url });
    // OIDC first: it gives refresh tokens and never shows the broker a password.
    methods.sort((a, b) => rank(a.method) - rank(b.method));
    methods.push({ method: 'token' });
    return {
      url: withoutQuery(url),
      platform: url.origin,
      anonymous: found.anonymous,
      methods,
      challenges: found.challenges.map((c) => ({
        scheme: c.scheme,
        params: { ...c.params },
        ...(c.token68 !== undefined ? { token68: c.token68 } : {}),
      })),
    };
  }

  async passwordLogin(url: URL, username: string, password: string, via: PasswordCredential = 'token'): Promise<Grant> {
    // Basic credentials are checked at the URL the user named; the others go to its login URL.
    const loginUrl = via === 'basic' ? withoutQuery(url) : await this.#passwordLoginUrl(url, via);
    const token = await presentPassword(via, loginUrl, username, password, (error) =>
      error instanceof AuthenticationError
        ? new InvalidCredentialsError(`${url.origin} refused the user name or password.`)
        : undefined,
    );
    return {
      token,
      renewal: { kind: 'password', via, loginUrl, username, password },
      ...(await this.#whereabouts(url, [new URL(loginUrl).origin])),
    };
  }

  async tokenLogin(url: URL, accessToken: string, refreshToken?: string): Promise<Grant> {
    const token = issuedToken(accessToken);
    let renewal: Renewal = { kind: 'none' };
    if (refreshToken) {
      const metadata = await this.#oidc(url);
      renewal = {
        kind: 'refresh_token',
        tokenEndpoint: metadata.token_endpoint,
        clientId: this.#clientId,
        refreshToken,
      };
    }
    return { token, renewal, ...(await this.#whereabouts(url)) };
  }

  async hubLogin(hub: HubEndpoint): Promise<Grant> {
    const { token, platform } = await fetchHubToken(hub, 0);
    return {
      token,
      renewal: hubRenewal(hub, token),
      ...(await this.#whereabouts(new URL(platform))),
    };
  }

  async startDeviceLogin(url: URL, options: { scope?: string; signal: AbortSignal }): Promise<DeviceLoginStart> {
    const metadata = await this.#oidc(url);
    if (!metadata.device_authorization_endpoint)
      throw new MethodUnsupportedError(`${url.origin} offers no OIDC device authorization endpoint.`);
    const whereabouts = await this.#whereabouts(url);
    let shown!: (verification: DeviceVerification & { interval: number }) => void;
    const verification = new Promise<DeviceVerification & { interval: number }>((resolve) => (shown = resolve));
    const tokens = loginWithDeviceCode({
      metadata,
      clientId: this.#clientId,
      scope: options.scope ?? this.#scope,
      signal: options.signal,
      timeoutMs: TIMEOUT_MS,
      onVerification: (v) => shown({ ...v, interval: 5 }),
    });
    const first = await Promise.race([verification, tokens.then(() => undefined)]).catch((error: unknown) => {
      throw brokerErrorOf(error, url.origin);
    });
    if (!first) throw new PlatformUnreachableError(`${url.origin} finished the device login before showing a code.`);
    const completion = tokens.then(
      (set): Grant => ({ ...grantOf(set, metadata.token_endpoint, this.#clientId), ...whereabouts }),
      (error: unknown) => {
        throw brokerErrorOf(error, url.origin);
      },
    );
    // The caller may drop the start result before awaiting completion; the rejection is still observed there.
    completion.catch(() => undefined);
    return {
      userCode: first.userCode,
      verificationUri: first.verificationUri,
      ...(first.verificationUriComplete ? { verificationUriComplete: first.verificationUriComplete } : {}),
      expiresIn: Math.max(0, Math.round((first.expiresAt - Date.now()) / 1000)),
      interval: first.interval,
      completion,
    };
  }

  async startPkceLogin(url: URL, options: { redirectUri: string; scope?: string }): Promise<PkceLoginStart> {
    const metadata = await this.#oidc(url);
    const request = await sdk(url.origin, () =>
      startAuthorizationCode({
        metadata,
        clientId: this.#clientId,
        redirectUri: options.redirectUri,
        scope: options.scope ?? this.#scope,
      }),
    );
    const whereabouts = await this.#whereabouts(url);
    return {
      authorizationUrl: request.url,
      state: request.state,
      complete: async (callbackQuery: URLSearchParams): Promise<Grant> => {
        const callbackUrl = new URL(options.redirectUri);
        callbackUrl.search = callbackQuery.toString();
        const set = await sdk(url.origin, () =>
          finishAuthorizationCode({ metadata, clientId: this.#clientId, request, callbackUrl, timeoutMs: TIMEOUT_MS }),
        );
        return { ...grantOf(set, metadata.token_endpoint, this.#clientId), ...whereabouts };
      },
    };
  }

  async renew(renewal: Renewal): Promise<{ token: IssuedToken; renewal: Renewal }> {
    switch (renewal.kind) {
      case 'password': {
        const token = await presentPassword(
          renewal.via ?? 'token',
          renewal.loginUrl,
          renewal.username,
          renewal.password,
          (error) =>
            error instanceof AuthenticationError
              ? new RenewalRefusedError('the platform no longer accepts the password')
              : undefined,
        );
        return { token, renewal };
      }
      case 'refresh_token': {
        const metadata = {
          issuer: new URL(renewal.tokenEndpoint).origin,
          token_endpoint: renewal.tokenEndpoint,
        } satisfies OidcMetadata;
        let set: TokenSet;
        try {
          set = await refreshTokens({
            metadata,
            clientId: renewal.clientId,
            refreshToken: renewal.refreshToken,
            timeoutMs: TIMEOUT_MS,
          });
        } catch (error) {
          if (refusedForGood(error)) throw new RenewalRefusedError('the platform revoked or expired the refresh token');
          throw brokerErrorOf(error, metadata.issuer);
        }
        const next = grantOf(set, renewal.tokenEndpoint, renewal.clientId);
        // A provider that does not rotate refresh tokens keeps the old one valid.
        return { token: next.token, renewal: next.renewal.kind === 'none' ? renewal : next.renewal };
      }
      case 'hub': {
        const { token } = await fetchHubToken(renewal.hub, outliving(renewal.heldUntil));
        return { token, renewal: hubRenewal(renewal.hub, token) };
      }
      case 'none':
        throw new RenewalRefusedError('this login has no refresh token');
    }
  }

  async exchange(
    platform: string,
    subjectToken: string,
    target: { audience: string; scope?: string },
  ): Promise<IssuedToken> {
    const metadata = await this.#oidc(new URL(platform));
    try {
      const set = await exchangeToken({
        metadata,
        clientId: this.#clientId,
        subjectToken,
        audience: target.audience,
        ...(target.scope ? { scope: target.scope } : {}),
        timeoutMs: TIMEOUT_MS,
      });
      return grantOf(set, metadata.token_endpoint, this.#clientId).token;
    } catch (error) {
      if (error instanceof OAuthError && (error.status === undefined || error.status < 500)) {
        throw new OutOfScopeError(
          `${platform} will not issue a token for audience ${target.audience.slice(0, 200)}${target.scope ? ` with scope ${target.scope}` : ''}: ${error.message}`,
        );
      }
      throw brokerErrorOf(error, platform);
    }
  }

  async listSessions(
    sources: readonly { platform: string; credential: PresentedCredential }[],
  ): Promise<SessionsListing> {
    const found = await discoverSessions(
      await Promise.all(
        sources.map(async ({ platform, credential }) => ({
          name: platform,
          baseUrl: await this.#sessionsBase(platform),
          fetch: credentialFetch(credential, await this.#origins(platform)),
          timeoutMs: TIMEOUT_MS,
        })),
      ),
    );
    const failed = new Map(found.failures.map((f) => [f.platform, brokerErrorOf(f.error, f.platform)]));
    return {
      platforms: sources.map(({ platform }) => {
        const error = failed.get(platform);
        return error
          ? { platform, ok: false, error: error instanceof BrokerError ? error.code : 'internal' }
          : { platform, ok: true };
      }),
      sessions: found.sessions.map((session) => ({ ...session })),
    };
  }

  async sessions(platform: string, credential: PresentedCredential): Promise<SessionsClient> {
    return new SessionsClient({
      baseUrl: await this.#sessionsBase(platform),
      fetch: credentialFetch(credential, await this.#origins(platform)),
      timeoutMs: TIMEOUT_MS,
    });
  }

  async #passwordLoginUrl(url: URL, via: 'token' | 'cookie'): Promise<string> {
    const found = await sdk(url.origin, () => discoverAuth(url, { timeoutMs: TIMEOUT_MS })).catch((error: unknown) => {
      if (error instanceof PlatformUnreachableError) throw error;
      return undefined;
    });
    const located = await this.#located(url);
    const wanted = via === 'cookie' ? 'password-cookie' : 'password-token';
    const method = found?.methods.find((m) => m.type === wanted && m.accessUrl);
    const fallback = via === 'cookie' ? undefined : (located.services.login?.url ?? `${url.origin}/ac/login`);
    if (method?.accessUrl === undefined && fallback === undefined)
      throw new MethodUnsupportedError(`${url.origin} offers no cookie login (no ivoa_cookie challenge names one).`);
    const loginUrl = new URL(method?.accessUrl ?? (fallback as string), url);
    // A password only goes to the origin the user named or one its registry declares: discovery
    // follows redirects, and a challenge met on another origin must not collect it.
    if (loginUrl.origin !== url.origin && !located.origins.includes(loginUrl.origin)) {
      throw new OutOfScopeError(
        `${url.origin} asks for the password to be sent to ${loginUrl.origin}, another origin its registry does not declare: refused, the password was not sent. Log in at ${loginUrl.origin} directly if you trust it.`,
      );
    }
    return loginUrl.toString();
  }

  async #oidc(url: URL): Promise<OidcMetadata> {
    try {
      return await discoverOidc(url.origin, { timeoutMs: TIMEOUT_MS });
    } catch (error) {
      if (error instanceof ProtocolError || (error instanceof HttpError && error.status < 500)) {
        throw new MethodUnsupportedError(`${url.origin} has no OpenID Connect provider.`);
      }
      throw brokerErrorOf(error, url.origin);
    }
  }

  /**
   * The platform a URL belongs to, located through its registry (cached as
   * cadcutils caches one); a URL without a registry is a platform of one origin.
   */
  #located(url: URL | string): Promise<ResolvedPlatform> {
    const target = new URL(url);
    const key = target.pathname.endsWith('/resource-caps') ? target.toString() : target.origin;
    const cached = this.#platforms.get(key);
    if (cached !== undefined && Date.now() - cached.at < REGISTRY_TTL_MS) return cached.found;
    const found = sdk(target.origin, () => resolvePlatform(target.toString(), { timeoutMs: TIMEOUT_MS }));
    this.#platforms.set(key, { at: Date.now(), found });
    // A registry that could not be read is asked again next time.
    found.catch(() => this.#platforms.delete(key));
    return found;
  }

  /** A login's platform, the origins its registry declares (and `extra`), and where its services are. */
  async #whereabouts(
    url: URL,
    extra: readonly string[] = [],
  ): Promise<{ platform: string; origins: string[]; services: PlatformServices }> {
    const located = await this.#located(url);
    const services: PlatformServices = {
      ...(located.registry ? { registry: located.registry.url } : {}),
      ...Object.fromEntries(Object.entries(located.services).map(([name, endpoint]) => [name, endpoint.url])),
    };
    return { platform: url.origin, origins: [...new Set([url.origin, ...located.origins, ...extra])], services };
  }

  async #origins(platform: string): Promise<string[]> {
    return [...new Set([platform, ...(await this.#located(platform)).origins])];
  }

  /** The skaha API of a platform, from its registry. */
  async #sessionsBase(platform: string): Promise<string> {
    const sessions = (await this.#located(platform)).services.sessions;
    if (sessions === undefined)
      throw new NotFoundError(
        `${platform} lists no sessions service (skaha) in its registry (${platform}/reg/resource-caps or its profile).`,
      );
    return sessions.url;
  }
}

/** `fetch` that adds the credential only to requests for the platform's `origins`, and never follows a redirect with it. */
function credentialFetch(credential: PresentedCredential, origins: readonly string[]): FetchLike {
  return (input, init) => {
    const request = new Request(input, { ...init, redirect: 'manual' });
    if (origins.includes(new URL(request.url).origin)) {
      if (credential.type === 'Cookie') request.headers.set('cookie', credential.value);
      else request.headers.set('authorization', `${credential.type} ${credential.value}`);
    }
    return fetch(request);
  };
}

/** Preference: OIDC (refresh tokens, no password seen), then a password made into a token or a cookie, Basic, a static token. */
function rank(method: DiscoveredMethod['method']): number {
  return ['device', 'pkce', 'password', 'cookie', 'basic', 'token'].indexOf(method);
}

/**
 * A user name and password made into the login's credential: a token from
 * the login URL, the session cookies a cookie login sets (as one `Cookie`
 * value), or the Basic credential once the URL has accepted it.
 */
async function presentPassword(
  via: PasswordCredential,
  loginUrl: string,
  username: string,
  password: string,
  refused: (error: unknown) => Error | undefined,
): Promise<IssuedToken> {
  const options = { accessUrl: loginUrl, username, password, timeoutMs: TIMEOUT_MS };
  try {
    switch (via) {
      case 'token': {
        const credential = await loginWithPassword(options);
        return issuedToken(credential.token, { user: credential.user ?? username });
      }
      case 'cookie': {
        const credential = await loginWithPasswordCookie(options);
        const cookies = credential.cookies.cookieHeader(loginUrl);
        if (cookies === undefined) throw new ProtocolError(`${loginUrl} set no cookie that it would be sent back.`);
        const expiresAt = credential.cookies.earliestExpiry();
        return {
          accessToken: cookies,
          issuedAt: Date.now(),
          ...(expiresAt === undefined ? {} : { expiresAt }),
          scopes: [],
          user: credential.user ?? username,
        };
      }
      case 'basic':
        return await checkedBasic(loginUrl, username, password);
    }
  } catch (error) {
    throw refused(error) ?? brokerErrorOf(error, new URL(loginUrl).origin);
  }
}

/** Basic credentials the URL accepts (anything but 401/403), as the base64 `user:password` to send. */
async function checkedBasic(url: string, username: string, password: string): Promise<IssuedToken> {
  const header = authorizationHeader(basicCredential(username, password));
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { authorization: header },
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new PlatformUnreachableError(`Cannot reach ${withoutQuery(url)} to check the credentials.`, { cause: error });
  }
  await response.body?.cancel();
  if (response.status === 401 || response.status === 403)
    throw new AuthenticationError(response.status, url, { message: `${withoutQuery(url)} refused the credentials.` });
  if (response.status >= 500) throw new PlatformUnreachableError(`${withoutQuery(url)} answered ${response.status}.`);
  return {
    accessToken: header.slice('Basic '.length),
    issuedAt: Date.now(),
    scopes: [],
    user: response.headers.get('x-vo-authenticated')?.trim() || username,
  };
}

function hubRenewal(hub: HubEndpoint, token: IssuedToken): Renewal {
  return { kind: 'hub', hub, ...(token.expiresAt !== undefined ? { heldUntil: token.expiresAt } : {}) };
}

function grantOf(set: TokenSet, tokenEndpoint: string, clientId: string): { token: IssuedToken; renewal: Renewal } {
  const idUser = typeof set.id_token === 'string' ? issuedToken(set.id_token).user : undefined;
  const token = issuedToken(set.access_token, {
    ...(typeof set.expires_in === 'number' ? { expiresIn: set.expires_in } : {}),
    ...(typeof set.scope === 'string' ? { scope: set.scope } : {}),
    ...(idUser !== undefined ? { user: idUser } : {}),
  });
  const renewal: Renewal = set.refresh_token
    ? { kind: 'refresh_token', tokenEndpoint, clientId, refreshToken: set.refresh_token }
    : { kind: 'none' };
  return { token, renewal };
}

/** Run an SDK call, turning its errors into the broker's. */
async function sdk<T>(origin: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw brokerErrorOf(error, origin);
  }
}

/**
 * The broker error for an SDK error. SDK messages never contain credentials
 * (its contract), so they are passed on as the reason.
 */
function brokerErrorOf(error: unknown, origin: string): Error {
  if (error instanceof BrokerError || error instanceof RenewalRefusedError || error instanceof AbortError) return error;
  if (error instanceof ConfigurationError) return new MethodUnsupportedError(`${origin}: ${error.message}`);
  if (error instanceof SdkUnsafeUrlError) return new UnsafeUrlError(`${origin}: ${error.message}`, { cause: error });
  if (error instanceof OAuthError) {
    if (error.status !== undefined && error.status >= 500)
      return new PlatformUnreachableError(error.message, { cause: error });
    return new InvalidCredentialsError(`${origin} refused the login: ${error.message}`, { cause: error });
  }
  if (error instanceof AuthenticationError)
    return new InvalidCredentialsError(`${origin} refused the credentials.`, { cause: error });
  if (error instanceof TimeoutError && /device code/i.test(error.message))
    return new InvalidCredentialsError(error.message, { cause: error });
  if (error instanceof HttpError && error.status < 500)
    return new InvalidCredentialsError(error.message, { cause: error });
  return new PlatformUnreachableError(
    error instanceof VobridgeError
      ? error.message
      : `${origin} could not be used (${error instanceof Error ? error.name : 'error'}).`,
    { cause: error },
  );
}
