export type { Challenge } from './challenges/challenge.js';
export { parseChallenges } from './challenges/parse.js';
export { serializeChallenges } from './challenges/serialize.js';

export { SSO, methodsFromChallenges, methodsFromCapabilities, rankMethods } from './methods/login-method.js';
export type { LoginMethod, LoginMethodType } from './methods/login-method.js';

export { discoverAuth } from './discovery/discover.js';
export type { AuthDiscovery, DiscoverAuthOptions } from './discovery/discover.js';
export { capabilitiesSecurity } from './discovery/vosi.js';
export type { CapabilitiesSecurity } from './discovery/vosi.js';

export type { FetchLike, RequestControl } from '../lib/request.js';

export { CookieJar } from './cookies/cookie-jar.js';
export type { CookieJarOptions } from './cookies/cookie-jar.js';

export {
  authorizationHeader,
  basicCredential,
  bearerCredential,
  cookieCredential,
  jwtExpiry,
} from './credentials/credential.js';
export type {
  BasicCredential,
  BearerCredential,
  CookieCredential,
  Credential,
  RefreshCredential,
} from './credentials/credential.js';
export { CredentialStore } from './credentials/store.js';
export type { CredentialEntry, CredentialScope } from './credentials/store.js';

export { createAuthFetch } from './fetch/auth-fetch.js';
export type { AuthFetch, AuthFetchOptions, DirectCredentials, UnauthorizedContext } from './fetch/auth-fetch.js';

export { loginWithPassword, loginWithPasswordCookie } from './login/password.js';
export type { PasswordLoginOptions, PasswordTokenLoginOptions } from './login/password.js';

export { discoverOidc } from './oidc/metadata.js';
export type { OidcMetadata } from './oidc/metadata.js';
export type { OAuthClient, TokenSet } from './oidc/token-endpoint.js';
export { oidcCredential, refreshTokens } from './oidc/credential.js';
export type { OidcCredentialOptions, RefreshOptions } from './oidc/credential.js';
export { loginWithDeviceCode } from './oidc/device.js';
export type { DeviceLoginOptions, DeviceVerification } from './oidc/device.js';
export { finishAuthorizationCode, startAuthorizationCode } from './oidc/pkce.js';
export type {
  AuthorizationCodeFinishOptions,
  AuthorizationCodeRequest,
  AuthorizationCodeStartOptions,
} from './oidc/pkce.js';
export { exchangeToken } from './oidc/exchange.js';
export type { TokenExchangeOptions } from './oidc/exchange.js';

export { createJwtValidator } from './jwt/validate.js';
export type { JwtValidator, JwtValidatorOptions } from './jwt/validate.js';

export { checkPlatformUrl, isLoopbackHost, isSecureTarget } from '../lib/urls.js';
export { RENEW_AT_FRACTION, freshEnough, refusedForGood, renewalDueAt } from './credentials/freshness.js';
export type { TokenLifetime } from './credentials/freshness.js';
export { issuedToken } from './credentials/issued-token.js';
export type { IssuedToken } from './credentials/issued-token.js';
