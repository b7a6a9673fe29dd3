// RFC 8628 device authorization grant, for terminals and kernels without a
// browser: show the user a code, poll the token endpoint at the server's
// pace. `slow_down` adds 5 s to the interval for good, as §3.5 requires.

import { checkPlatformUrl } from '../../lib/urls.js';
import { ConfigurationError, OAuthError, ProtocolError, TimeoutError } from '../../errors.js';
import { sleep, throwIfAborted, type RequestControl } from '../../lib/request.js';
import type { OidcMetadata } from './metadata.js';
import { postForm, requestTokens, type OAuthClient, type TokenSet } from './token-endpoint.js';

/** What the user must do, handed to {@link DeviceLoginOptions.onVerification}. */
export interface DeviceVerification {
  /** Page where the user enters the code. */
  verificationUri: string;
  /** Same page with the code filled in, when the server offers it. */
  verificationUriComplete?: string;
  /** The code to enter. */
  userCode: string;
  /** When the code expires (epoch ms). */
  expiresAt: number;
}

/** Options of {@link loginWithDeviceCode}. */
export interface DeviceLoginOptions extends OAuthClient, RequestControl {
  metadata: OidcMetadata;
  /** Scopes to ask for (e.g. `openid offline_access`). */
  scope?: string;
  /** Shows the verification URI and user code to the user. */
  onVerification: (verification: DeviceVerification) => void | Promise<void>;
  /**
   * Polling interval in ms when the server sends none (default 5000). A server's
   * `interval` always takes precedence over this; `slow_down` adds 5 s.
   */
  defaultIntervalMs?: number;
  /** Clock in epoch ms (default `Date.now`). */
  now?: () => number;
}

const GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

/**
 * Runs the device authorization grant to completion.
 *
 * @throws OAuthError `access_denied` when the user declines, TimeoutError when
 *   the code expires, AbortError when the signal fires.
 */
export async function loginWithDeviceCode(options: DeviceLoginOptions): Promise<TokenSet> {
  const endpoint = options.metadata.device_authorization_endpoint;
  if (!endpoint) throw new ConfigurationError('This provider offers no device authorization endpoint.');
  const now = options.now ?? Date.now;
  const params: Record<string, string> = {};
  if (options.scope) params.scope = options.scope;
  const { body } = await postForm(endpoint, params, options, options);
  const deviceCode = body.device_code;
  const userCode = body.user_code;
  const verificationUri = body.verification_uri ?? body.verification_url;
  if (typeof deviceCode !== 'string' || typeof userCode !== 'string' || typeof verificationUri !== 'string') {
    throw new ProtocolError('The device authorization answer lacks device_code, user_code or verification_uri.');
  }
  checkPlatformUrl(verificationUri, 'verification_uri');
  if (body.verification_uri_complete !== undefined)
    checkPlatformUrl(body.verification_uri_complete, 'verification_uri_complete');
  const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : 600;
  const expiresAt = now() + expiresIn * 1000;
  let intervalMs = typeof body.interval === 'number' ? body.interval * 1000 : (options.defaultIntervalMs ?? 5000);

  await options.onVerification({
    verificationUri,
    userCode,
    expiresAt,
    ...(typeof body.verification_uri_complete === 'string'
      ? { verificationUriComplete: body.verification_uri_complete }
      : {}),
  });

  for (;;) {
    throwIfAborted(options.signal);
    if (now() >= expiresAt)
      throw new TimeoutError(expiresIn * 1000, undefined, {
        message: 'The device code expired before the user approved the login; start again.',
      });
    await sleep(intervalMs, options.signal);
    try {
      return await requestTokens(
        options.metadata.token_endpoint,
        { grant_type: GRANT, device_code: deviceCode },
        options,
        options,
      );
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      if (error.error === 'authorization_pending') continue;
      if (error.error === 'slow_down') {
        intervalMs += 5000;
        continue;
      }
      if (error.error === 'expired_token') {
        throw new TimeoutError(expiresIn * 1000, undefined, {
          message: 'The device code expired before the user approved the login; start again.',
          cause: error,
        });
      }
      if (error.error === 'access_denied') {
        throw new OAuthError('access_denied', {
          message: 'The login was declined on the verification page.',
          status: error.status ?? 400,
        });
      }
      throw error;
    }
  }
}
