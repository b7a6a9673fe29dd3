import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import Provider, {
  errors,
  type ClientMetadata,
  type Configuration,
  type Interaction,
  type TokenEndpointGrantContext,
} from 'oidc-provider';
import { isLoopbackHost } from '@vobridge/sdk';
import type { PlatformContext } from '../context.js';
import { OIDC_COOKIES } from '../http/index.js';
import { ApprovedRedirects } from './approved-redirects.js';
import { OAuthClientError, PUBLIC_CLIENT_ID, TOKEN_EXCHANGE, type OAuthClientMetadata } from './clients.js';
import { readJsonFile, writeJsonAtomic } from '../store/index.js';
import type { SigningKey } from './keys.js';
import { fileAdapterFactory } from './oidc-adapter.js';
import {
  PAGE_CSP,
  renderDeviceCodeInputPage,
  renderDeviceConfirmPage,
  renderConsentPage,
  renderDeviceSuccessPage,
  renderLoginPage,
} from './pages.js';

/** RFC 8693 token type of an access token. */
export const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
/** Scopes that name platform services in access tokens (Rubin style). */
export const RESOURCE_SCOPES = ['vospace', 'gms', 'uws', 'sessions', 'read:tap', 'exec:notebook'] as const;
/** Upper bound of a delegated token's lifetime: delegation should be short-lived. */
export const MAX_DELEGATION_TTL = 900;

const EXCHANGE_PARAMS = [
  'subject_token',
  'subject_token_type',
  'requested_token_type',
  'audience',
  'resource',
  'scope',
  'actor_token',
  'actor_token_type',
];

/**
 * Builds the OIDC provider (node-oidc-provider) of the platform and the
 * express router that serves it under `/oidc`, its login pages, and the
 * root discovery document. Access tokens are JWTs for the platform origin
 * (the default resource), signed with the platform key; refresh tokens come
 * with `offline_access`; device flow, PKCE (S256, required) and RFC 8693
 * token exchange are enabled.
 */
export async function oidcRouter(ctx: PlatformContext, key: SigningKey): Promise<Router> {
  const { baseUrl, users, tokens } = ctx;
  const issuer = tokens.issuer;
  const cookieKeys = await loadCookieKeys(ctx.dataDir);
  const approvals = await ApprovedRedirects.open(ctx.dataDir);
  const ttl = tokens.accessTokenTtlSeconds;

  const configuration: Configuration = {
    adapter: fileAdapterFactory(ctx.dataDir),
    clients: [
      {
        client_id: PUBLIC_CLIENT_ID,
        client_name: 'vobridge',
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        grant_types: [
          'authorization_code',
          'refresh_token',
          'urn:ietf:params:oauth:grant-type:device_code',
          TOKEN_EXCHANGE,
        ],
        response_types: ['code'],
        redirect_uris: ['http://127.0.0.1/callback'],
      },
      ...(ctx.oauthClients ?? []).map(providerMetadata),
    ],
    jwks: { keys: [key.privateJwk as Record<string, string>] },
    // The provider's own cookies (browser login session, interactions) only ever go to /oidc:
    // session processes, proxied under /session/, must never see them.
    cookies: {
      keys: cookieKeys,
      names: OIDC_COOKIES,
      long: { httpOnly: true, sameSite: 'lax', path: '/oidc' },
      short: { httpOnly: true, sameSite: 'lax', path: '/oidc' },
    },
    scopes: ['openid', 'offline_access', 'profile', 'groups', ...RESOURCE_SCOPES],
    claims: { openid: ['sub'], profile: ['preferred_username', 'name'], groups: ['groups'] },
    pkce: { required: () => true },
    ttl: {
      AccessToken: ttl,
      IdToken: ttl,
      RefreshToken: 14 * 24 * 3600,
      DeviceCode: 600,
      AuthorizationCode: 60,
      Interaction: 3600,
      Session: 24 * 3600,
      Grant: 14 * 24 * 3600,
    },
    features: {
      devInteractions: { enabled: false },
      deviceFlow: {
        enabled: true,
        userCodeInputSource: (koaCtx, form, _out, err) => {
          koaCtx.set('Content-Security-Policy', PAGE_CSP);
          koaCtx.body = renderDeviceCodeInputPage(
            form,
            err === undefined ? undefined : 'That code is not valid or has expired. Try again.',
          );
        },
        userCodeConfirmSource: (koaCtx, form, client, _deviceInfo, userCode) => {
          koaCtx.set('Content-Security-Policy', PAGE_CSP);
          koaCtx.body = renderDeviceConfirmPage(form, client.clientName ?? client.clientId, userCode);
        },
        successSource: (koaCtx) => {
          koaCtx.set('Content-Security-Policy', PAGE_CSP);
          koaCtx.body = renderDeviceSuccessPage();
        },
      },
      revocation: { enabled: true },
      userinfo: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => baseUrl,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (!ctx.isPlatformUrl(resource)) {
            throw new errors.InvalidTarget('resource must be this platform or one of its services');
          }
          return {
            scope: RESOURCE_SCOPES.join(' '),
            audience: resource,
            accessTokenTTL: ttl,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: key.alg } },
          };
        },
      },
    },
    findAccount: (_ctx, sub) => {
      const user = users.get(sub);
      if (user === undefined) return undefined;
      return {
        accountId: user.username,
        claims: () => ({
          sub: user.username,
          preferred_username: user.username,
          name: user.username,
          groups: user.groups,
        }),
      };
    },
    extraTokenClaims: (_ctx, token) => {
      const accountId = 'accountId' in token ? token.accountId : undefined;
      const user = typeof accountId === 'string' ? users.get(accountId) : undefined;
      return user === undefined ? undefined : { groups: user.groups, preferred_username: user.username };
    },
    // Refresh tokens for every client allowed the grant: the standard drops `offline_access` from
    // authorization requests without prompt=consent, but consent is implied on this first-party platform.
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    interactions: { url: (_ctx, interaction) => `${baseUrl}/oidc/interaction/${interaction.uid}` },
    renderError: (koaCtx, out) => {
      koaCtx.type = 'application/json';
      koaCtx.body = out;
    },
  };

  const provider = new Provider(issuer, configuration);
  provider.proxy = false;
  await loadClients(provider, ctx.oauthClients ?? []);
  provider.use(async (koaCtx, next) => {
    try {
      await next();
    } catch (err) {
      // oidc-provider 9 fails with a TypeError ("persist can only be called on previously persisted
      // Sessions") when a device-login resume link is opened without the browser session that started
      // it: a stale or forged link is the caller's mistake, so answer it as one (found by the fuzz suite).
      if (!/^\/device\/[^/]+\/?$/.test(koaCtx.path) || koaCtx.path === '/device/auth') throw err;
      koaCtx.status = 400;
      koaCtx.type = 'application/json';
      koaCtx.body = {
        error: 'invalid_request',
        error_description:
          'This device login link is unknown or has expired, or was opened in another browser. Start again with a new code.',
      };
    }
  });
  allowLoopbackRedirects(provider);
  provider.registerGrantType(TOKEN_EXCHANGE, tokenExchange(ctx), EXCHANGE_PARAMS);

  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 10 });

  /** Grants what the client asked for and resumes the authorization. */
  const grantConsent = async (req: Request, res: Response, details: Interaction): Promise<void> => {
    const { session, params, prompt } = details;
    if (session?.accountId === undefined) throw new Error('consent prompt without a logged-in session');
    const grant =
      (details.grantId === undefined ? undefined : await provider.Grant.find(details.grantId)) ??
      new provider.Grant({ accountId: session.accountId, clientId: String(params.client_id) });
    const missing = prompt.details as {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
    if (missing.missingOIDCScope !== undefined) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims !== undefined) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {}))
      grant.addResourceScope(resource, scopes.join(' '));
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  };
  /** The loopback redirect URI of a public-client request the user has not approved yet, if any. */
  const unapprovedRedirect = (details: Interaction): string | undefined => {
    const { session, params } = details;
    const redirectUri = typeof params.redirect_uri === 'string' ? params.redirect_uri : undefined;
    if (redirectUri === undefined || params.client_id !== PUBLIC_CLIENT_ID || session?.accountId === undefined)
      return undefined;
    return approvals.has(session.accountId, PUBLIC_CLIENT_ID, redirectUri) ? undefined : redirectUri;
  };
  const sendPage = (res: Response, html: string, status = 200): void => {
    res.status(status).setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Security-Policy', PAGE_CSP);
    res.type('html').send(html);
  };

  router.get('/oidc/interaction/:uid', async (req: Request, res: Response) => {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'consent') {
      // First-party platform: the client gets what it asked for, but a code goes to a loopback
      // redirect URI only once the user approved that very URI (any local process can listen on one).
      const redirectUri = unapprovedRedirect(details);
      if (redirectUri === undefined) {
        await grantConsent(req, res, details);
        return;
      }
      sendPage(
        res,
        renderConsentPage({
          action: `/oidc/interaction/${details.uid}/consent`,
          clientId: String(details.params.client_id),
          user: String(details.session?.accountId),
          redirectUri,
        }),
      );
      return;
    }
    sendPage(
      res,
      renderLoginPage({ action: `/oidc/interaction/${details.uid}`, clientId: String(details.params.client_id) }),
    );
  });

  router.post('/oidc/interaction/:uid/consent', form, async (req: Request, res: Response) => {
    const details = await provider.interactionDetails(req, res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const redirectUri = unapprovedRedirect(details);
    if (details.prompt.name !== 'consent' || redirectUri === undefined) {
      await grantConsent(req, res, details);
      return;
    }
    if (body.decision !== 'allow') {
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'The user declined the login.' },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    await approvals.add(String(details.session?.accountId), PUBLIC_CLIENT_ID, redirectUri);
    await grantConsent(req, res, details);
  });

  router.post('/oidc/interaction/:uid', form, async (req: Request, res: Response) => {
    const details = await provider.interactionDetails(req, res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const username = typeof body.username === 'string' ? body.username : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const user = username === '' || password === '' ? undefined : await users.authenticate(username, password);
    if (user === undefined) {
      ctx.logger.info('interactive login refused', { username });
      sendPage(
        res,
        renderLoginPage({
          action: `/oidc/interaction/${details.uid}`,
          clientId: String(details.params.client_id),
          error: 'Wrong user name or password.',
          username,
        }),
        401,
      );
      return;
    }
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: user.username } },
      { mergeWithLastSubmission: false },
    );
  });

  const callback = provider.callback();
  // The discovery document also at the origin's root, where clients given only the platform URL look first.
  router.get('/.well-known/openid-configuration', (req: Request, res: Response) => {
    req.originalUrl = '/oidc/.well-known/openid-configuration';
    req.url = '/.well-known/openid-configuration';
    callback(req, res);
  });
  router.use('/oidc', (req: Request, res: Response, _next: NextFunction) => callback(req, res));
  return router;
}

/** node-oidc-provider metadata of an operator-registered client: no redirects unless it uses the code flow. */
function providerMetadata(client: OAuthClientMetadata): ClientMetadata {
  const code = client.grant_types.includes('authorization_code');
  return {
    ...client,
    grant_types: [...client.grant_types],
    response_types: code ? ['code'] : [],
    redirect_uris: [...(client.redirect_uris ?? [])],
  };
}

/**
 * The provider checks static clients only when one is first used; loading
 * them now makes bad metadata fail the start, not a login.
 */
async function loadClients(provider: Provider, clients: readonly OAuthClientMetadata[]): Promise<void> {
  for (const { client_id: id } of clients) {
    try {
      await provider.Client.find(id);
    } catch (err) {
      const described = err as { error_description?: unknown };
      const reason = typeof described.error_description === 'string' ? described.error_description : 'invalid';
      throw new OAuthClientError(`OAuth client '${id}': ${reason}`);
    }
  }
}

/**
 * RFC 8252 §7.3: native apps listen on a loopback port chosen at run time,
 * so any loopback `http` redirect URI is allowed for the public client, on
 * any port and path. Nothing else is.
 */
function allowLoopbackRedirects(provider: Provider): void {
  const original = provider.Client.prototype.redirectUriAllowed;
  provider.Client.prototype.redirectUriAllowed = function redirectUriAllowed(
    this: InstanceType<typeof provider.Client>,
    uri: string,
  ): boolean {
    if (this.clientId === PUBLIC_CLIENT_ID) {
      try {
        const url = new URL(uri);
        return url.protocol === 'http:' && isLoopbackHost(url.hostname) && url.hash === '';
      } catch {
        return false;
      }
    }
    return original.call(this, uri);
  };
}

/**
 * RFC 8693 token exchange: a valid platform access token (`subject_token`)
 * becomes a short-lived token for one service (`resource` or `audience`),
 * whose `act` claim names the delegatee (the `actor_token`'s subject, else
 * the client), for provenance.
 */
function tokenExchange(ctx: PlatformContext) {
  return async (oidcCtx: TokenEndpointGrantContext): Promise<void> => {
    const params = oidcCtx.oidc.params as Record<string, string | undefined>;
    if (params.subject_token === undefined || params.subject_token_type !== ACCESS_TOKEN_TYPE) {
      throw new errors.InvalidRequest(`subject_token of type ${ACCESS_TOKEN_TYPE} is required`);
    }
    if (params.requested_token_type !== undefined && params.requested_token_type !== ACCESS_TOKEN_TYPE) {
      throw new errors.InvalidRequest('only access tokens can be requested');
    }
    let actor = oidcCtx.oidc.client.clientId;
    if (params.actor_token !== undefined) {
      if (params.actor_token_type !== ACCESS_TOKEN_TYPE)
        throw new errors.InvalidRequest(`actor_token_type must be ${ACCESS_TOKEN_TYPE}`);
      actor = await subjectOf(ctx, params.actor_token, 'actor_token');
    }
    const audience = params.resource ?? params.audience ?? ctx.baseUrl;
    if (!ctx.isPlatformUrl(audience)) {
      throw new errors.InvalidTarget('audience must be this platform or one of its services');
    }
    let issued;
    try {
      issued = await ctx.tokens.exchange(params.subject_token, {
        actor,
        audience,
        ...(params.scope === undefined ? {} : { scopes: params.scope.split(' ').filter(Boolean) }),
        maxTtlSeconds: MAX_DELEGATION_TTL,
      });
    } catch (err) {
      throw new errors.InvalidGrant(`subject_token: ${(err as Error).message}`);
    }
    oidcCtx.body = {
      access_token: issued.token,
      issued_token_type: ACCESS_TOKEN_TYPE,
      token_type: 'Bearer',
      expires_in: issued.expiresIn,
      ...(issued.scopes.length === 0 ? {} : { scope: issued.scopes.join(' ') }),
    };
  };
}

async function subjectOf(ctx: PlatformContext, token: string, what: string): Promise<string> {
  try {
    const claims = await ctx.tokens.decode(token);
    return String(claims.sub);
  } catch (err) {
    throw new errors.InvalidGrant(`${what}: ${(err as Error).message}`);
  }
}

/** Cookie signing keys of the provider, persisted (0600) so browser sessions survive restarts. */
async function loadCookieKeys(dataDir: string): Promise<string[]> {
  const path = join(dataDir, 'keys', 'cookie-keys.json');
  const stored = await readJsonFile(path);
  if (Array.isArray(stored) && stored.length > 0 && stored.every((k) => typeof k === 'string'))
    return stored as string[];
  const keys = [randomBytes(32).toString('base64url')];
  await writeJsonAtomic(path, keys, { mode: 0o600 });
  return keys;
}
