import { randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors, type JWTPayload } from 'jose';
import { InvalidTokenError, type AccessTokenVerifier, type AuthenticatedUser } from '../http/index.js';
import type { SigningKey } from './keys.js';
import type { UserStore } from './users.js';

/** What goes into an access token. */
export interface AccessTokenRequest {
  /** Subject: the user name. */
  username: string;
  /** Space-separated or listed scopes. */
  scopes?: readonly string[];
  /** Audience(s); default: the platform origin, valid for every service. */
  audience?: string | readonly string[];
  /** Lifetime in seconds; default: the platform's access token lifetime. */
  ttlSeconds?: number;
  /** OAuth client the token was issued to. */
  clientId?: string;
  /** For delegation (RFC 8693 §4.1): who acts for the user; becomes `act: {sub}`. */
  actor?: string;
  /** The `act` claim of the token being exchanged, nested under the new actor (RFC 8693 §4.1 chains). */
  priorActor?: unknown;
}

/** Options of {@link TokenService.exchange}. */
export interface ExchangeRequest {
  /** Who will use the new token (becomes `act.sub`). */
  actor: string;
  /** The service the token is for; must lie within the subject token's audience. */
  audience: string;
  /** Scopes wanted; must be among the subject token's scopes when it has any. */
  scopes?: readonly string[];
  /** Longest lifetime allowed; never longer than the subject token has left. */
  maxTtlSeconds: number;
}

/** An issued access token. */
export interface IssuedToken {
  /** The signed JWT. */
  token: string;
  /** Lifetime in seconds. */
  expiresIn: number;
  /** Expiry as seconds since the epoch. */
  expiresAt: number;
}

/** Options for {@link TokenService}. */
export interface TokenServiceOptions {
  key: SigningKey;
  /** Issuer (`iss`): the OIDC issuer URL. */
  issuer: string;
  /** Platform origin URL: the default audience. */
  baseUrl: string;
  users: UserStore;
  /** Default access token lifetime in seconds. */
  accessTokenTtlSeconds: number;
}

/**
 * Issues and verifies the platform's access tokens: RS256 JWTs (`typ:
 * at+jwt`, RFC 9068) signed with the same key oidc-provider uses, so password
 * logins, OIDC logins and delegated tokens all verify against one JWKS.
 */
export class TokenService implements AccessTokenVerifier {
  readonly #options: TokenServiceOptions;

  constructor(options: TokenServiceOptions) {
    this.#options = options;
  }

  /** The issuer (`iss`) of every token. */
  get issuer(): string {
    return this.#options.issuer;
  }

  /** The signing key, for the OIDC provider that must sign with the same key. */
  get signingKey(): SigningKey {
    return this.#options.key;
  }

  /** The default access token lifetime in seconds. */
  get accessTokenTtlSeconds(): number {
    return this.#options.accessTokenTtlSeconds;
  }

  /** Signs an access token for `request.username` (who must exist). */
  async issue(request: AccessTokenRequest): Promise<IssuedToken> {
    const user = this.#options.users.get(request.username);
    if (user === undefined) throw new Error(`no such user ${request.username}`);
    const ttl = request.ttlSeconds ?? this.#options.accessTokenTtlSeconds;
    const now = Math.floor(Date.now() / 1000);
    const audience = request.audience ?? this.#options.baseUrl;
    const claims: JWTPayload = {
      scope: (request.scopes ?? []).join(' '),
      groups: user.groups,
      preferred_username: user.username,
    };
    if (request.clientId !== undefined) claims.client_id = request.clientId;
    if (request.actor !== undefined) {
      claims.act =
        request.priorActor === undefined ? { sub: request.actor } : { sub: request.actor, act: request.priorActor };
    }
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: this.#options.key.alg, kid: this.#options.key.kid, typ: 'at+jwt' })
      .setIssuer(this.#options.issuer)
      .setSubject(user.username)
      .setAudience(typeof audience === 'string' ? audience : [...audience])
      .setIssuedAt(now)
      .setExpirationTime(now + ttl)
      .setJti(randomUUID())
      .sign(this.#options.key.privateKey);
    return { token, expiresIn: ttl, expiresAt: now + ttl };
  }

  /**
   * RFC 8693 token exchange: turns a valid access token of a user into a
   * shorter-lived token for one service, acted on by `actor`. Never widens
   * what the subject token allowed (audience, scopes, lifetime).
   */
  async exchange(subjectToken: string, request: ExchangeRequest): Promise<IssuedToken & { scopes: string[] }> {
    const subject = await this.decode(subjectToken);
    const audiences = typeof subject.aud === 'string' ? [subject.aud] : (subject.aud ?? []);
    if (!audiences.some((aud) => audienceCovers(aud, request.audience, this.#options.baseUrl))) {
      throw new InvalidTokenError('requested audience is outside the subject token audience');
    }
    const held = typeof subject.scope === 'string' && subject.scope !== '' ? subject.scope.split(' ') : [];
    const wanted = request.scopes ?? held;
    if (held.length > 0 && !wanted.every((s) => held.includes(s))) {
      throw new InvalidTokenError('requested scope exceeds the subject token scope');
    }
    const remaining = (subject.exp ?? 0) - Math.floor(Date.now() / 1000);
    const ttlSeconds = Math.min(request.maxTtlSeconds, remaining, this.#options.accessTokenTtlSeconds);
    if (ttlSeconds <= 0) throw new InvalidTokenError('token expired');
    const issued = await this.issue({
      username: String(subject.sub),
      scopes: wanted,
      audience: request.audience,
      ttlSeconds,
      actor: request.actor,
      priorActor: subject.act,
    });
    return { ...issued, scopes: [...wanted] };
  }

  /**
   * Verifies signature, issuer, expiry and audience. A token's audience
   * must be the platform origin or a URL that `resourceUrl` lies under, so a
   * token minted for `/vospace` does not open `/skaha`. The user must still
   * exist; groups come from the store, so a removed membership takes effect
   * at once.
   */
  async verify(token: string, resourceUrl: string): Promise<AuthenticatedUser> {
    const payload = await this.decode(token);
    const audiences = typeof payload.aud === 'string' ? [payload.aud] : (payload.aud ?? []);
    if (!audiences.some((aud) => audienceCovers(aud, resourceUrl, this.#options.baseUrl))) {
      throw new InvalidTokenError('token audience does not cover this resource');
    }
    const user = payload.sub === undefined ? undefined : this.#options.users.get(payload.sub);
    if (user === undefined) throw new InvalidTokenError('token subject is not a user of this platform');
    const scope = typeof payload.scope === 'string' ? payload.scope : '';
    const act = payload.act as { sub?: unknown } | undefined;
    return {
      username: user.username,
      groups: [...user.groups],
      scopes: scope === '' ? [] : scope.split(' '),
      ...(typeof act?.sub === 'string' ? { actor: act.sub } : {}),
    };
  }

  /** Verifies signature, issuer and expiry only, returning the claims (for token exchange). */
  async decode(token: string): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, this.#options.key.publicKey, {
        issuer: this.#options.issuer,
        algorithms: [this.#options.key.alg],
        typ: 'at+jwt',
        requiredClaims: ['exp', 'sub'],
      });
      return payload;
    } catch (err) {
      throw new InvalidTokenError(describeJoseError(err));
    }
  }
}

function audienceCovers(aud: string, resourceUrl: string, baseUrl: string): boolean {
  if (aud === baseUrl || aud === `${baseUrl}/`) return true;
  const prefix = aud.endsWith('/') ? aud : `${aud}/`;
  return resourceUrl === aud || resourceUrl.startsWith(prefix) || resourceUrl.startsWith(`${aud}?`);
}

function describeJoseError(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) return 'token expired';
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return 'token signature is invalid';
  if (err instanceof joseErrors.JWTClaimValidationFailed) return `token claim ${err.claim} is invalid`;
  if (err instanceof joseErrors.JOSEError) return 'token is malformed or not issued here';
  return 'token could not be verified';
}
