// CADC / IVOA SSO password logins: POST the form to the access URL the
// service advertised. The password goes out once, to that URL only, never
// over plain HTTP off loopback, and never through a redirect (a login
// endpoint that redirects would carry the form body to wherever it points).

import { AuthenticationError, ConfigurationError, ProtocolError, errorFromResponse } from '../../errors.js';
import { parseChallenges } from '../challenges/parse.js';
import { CookieJar } from '../cookies/cookie-jar.js';
import {
  bearerCredential,
  cookieCredential,
  type BearerCredential,
  type CookieCredential,
} from '../credentials/credential.js';
import { isSecureTarget } from '../../lib/urls.js';
import { isRedirect, send, type RequestControl } from '../../lib/request.js';

/** Options of the password logins. */
export interface PasswordLoginOptions extends RequestControl {
  /** Login endpoint (`access_url` of the challenge, e.g. `https://ws-cadc.canfar.net/ac/login`). */
  accessUrl: string | URL;
  username: string;
  password: string;
}

/** Options of {@link loginWithPassword}. */
export interface PasswordTokenLoginOptions extends PasswordLoginOptions {
  /** How the token goes back: `Bearer` (default) or the legacy `ivoa` scheme. */
  tokenScheme?: 'Bearer' | 'ivoa';
}

const MAX_TOKEN_LENGTH = 64 * 1024;

/**
 * Password → token (IVOA `#tls-with-password`, CADC `/ac/login`). The token is
 * read from the `x-vo-bearer` header or the response body; the user from
 * `x-vo-authenticated`; expiry from the JWT `exp` when the token is a JWT.
 *
 * @throws AuthenticationError on wrong credentials (401/403),
 *   ProtocolError on an empty or malformed answer, ConfigurationError for an insecure access URL.
 */
export async function loginWithPassword(options: PasswordTokenLoginOptions): Promise<BearerCredential> {
  const response = await postPassword(options);
  const body = await response.text();
  const token = (response.headers.get('x-vo-bearer') ?? body).trim();
  if (!token || token.length > MAX_TOKEN_LENGTH || /\s/.test(token)) {
    throw new ProtocolError('The login service answered 200 but sent no usable token.');
  }
  const user = response.headers.get('x-vo-authenticated')?.trim();
  return bearerCredential(token, { scheme: options.tokenScheme ?? 'Bearer', ...(user ? { user } : {}) });
}

/**
 * Password → cookie (IVOA `#cookie`): the session cookies the login sets are
 * kept in a {@link CookieJar} with their Domain/Path/Secure/expiry rules.
 *
 * @throws AuthenticationError on wrong credentials, ProtocolError when no cookie is set.
 */
export async function loginWithPasswordCookie(
  options: PasswordLoginOptions & { jar?: CookieJar },
): Promise<CookieCredential> {
  const response = await postPassword(options);
  await response.body?.cancel();
  const jar = options.jar ?? new CookieJar();
  jar.storeFromResponse(new URL(String(options.accessUrl)), response);
  if (jar.size === 0) throw new ProtocolError('The cookie login answered 200 but set no usable cookie.');
  const user = response.headers.get('x-vo-authenticated')?.trim();
  return cookieCredential(jar, user ? { user } : {});
}

async function postPassword(options: PasswordLoginOptions): Promise<Response> {
  let url: URL;
  try {
    url = new URL(String(options.accessUrl));
  } catch (cause) {
    throw new ConfigurationError('The login access URL is not a valid absolute URL.', { cause });
  }
  if (!isSecureTarget(url)) {
    throw new ConfigurationError(
      `Refusing to send a password to ${url.origin}: it is not HTTPS (plain HTTP is allowed on loopback only).`,
    );
  }
  const response = await send(
    url,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/plain, */*' },
      body: new URLSearchParams({ username: options.username, password: options.password }).toString(),
    },
    options,
  );
  if (response.ok) return response;
  if (isRedirect(response.status)) {
    await response.body?.cancel();
    throw new ProtocolError(
      `The login service at ${url.origin}${url.pathname} answered with a redirect; the password was not resent.`,
    );
  }
  if (response.status === 401 || response.status === 403) {
    await response.body?.cancel();
    throw new AuthenticationError(response.status, url, {
      message: `Login refused by ${url.origin}${url.pathname}: check the user name and password.`,
      challenges: parseChallenges(response.headers.get('www-authenticate')),
    });
  }
  throw await errorFromResponse(response, url);
}
