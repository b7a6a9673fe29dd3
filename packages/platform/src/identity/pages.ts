import { escapeXml } from '../vosi/xml.js';

/**
 * Content-Security-Policy of every identity page: no scripts at all, inline
 * styles only, never framed (clickjacking). Forms post to this origin; the
 * loopback origins are allowed too because browsers apply `form-action` to the
 * redirects that follow a submitted login, and the authorization code goes
 * back to a loopback redirect URI (RFC 8252, e.g. JupyterLab's PKCE popup).
 */
export const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http://127.0.0.1:* http://localhost:*; frame-ancestors 'none'";

/** Wraps trusted `body` HTML in the platform's page layout; `title` is escaped. */
function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(title)} — vobridge platform</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 24rem; margin: 4rem auto; padding: 0 1rem; }
label { display: block; margin-top: 1rem; }
input { width: 100%; padding: .4rem; box-sizing: border-box; }
button { margin-top: 1.5rem; padding: .5rem 1.5rem; }
code { font-size: 1.5em; }
.error { color: #a00; }
</style>
</head>
<body>
<h1>${escapeXml(title)}</h1>
${body}
</body>
</html>
`;
}

/** What the login page shows. Every value is escaped before it reaches the HTML. */
export interface LoginPageOptions {
  /** Where the form posts to (an interaction URL the platform built). */
  action: string;
  /** The OAuth client asking, for the user to see. */
  clientId: string;
  /** A message after a failed attempt. */
  error?: string;
  /** User name to pre-fill after a failed attempt. */
  username?: string;
}

/** The browser login page of the authorization code and device flows. */
export function renderLoginPage(options: LoginPageOptions): string {
  const error = options.error === undefined ? '' : `<p class="error" role="alert">${escapeXml(options.error)}</p>`;
  return page(
    'Sign in',
    `<p><strong>${escapeXml(options.clientId)}</strong> asks to act on your behalf on this platform.</p>
${error}
<form method="post" action="${escapeXml(options.action)}" autocomplete="on">
<label for="username">User name</label>
<input id="username" name="username" autocomplete="username" required value="${escapeXml(options.username ?? '')}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>`,
  );
}

/** What the consent page shows. Every value is escaped before it reaches the HTML. */
export interface ConsentPageOptions {
  action: string;
  clientId: string;
  user: string;
  /** Where the authorization code will go. */
  redirectUri: string;
}

/**
 * Asked once per redirect URI: the code that follows lets whatever listens
 * there act as the user, so the user sees exactly where it goes.
 */
export function renderConsentPage(options: ConsentPageOptions): string {
  return page(
    'Allow access?',
    `<p><strong>${escapeXml(options.clientId)}</strong> asks to act on this platform as <strong>${escapeXml(options.user)}</strong>.</p>
<p>The sign-in goes back to <code class="redirect">${escapeXml(options.redirectUri)}</code>, a program on your own computer. Allow it only if you just started this sign-in there (for example from JupyterLab or the vobridge command).</p>
<form method="post" action="${escapeXml(options.action)}">
<button type="submit" name="decision" value="allow" id="allow">Allow</button>
<button type="submit" name="decision" value="deny" id="deny">Deny</button>
</form>`,
  );
}

/**
 * Device flow, step 1: enter the code shown on the device. `form` is the
 * (already safe) form oidc-provider generated, with its anti-CSRF field.
 */
export function renderDeviceCodeInputPage(form: string, error: string | undefined): string {
  const message =
    error === undefined
      ? '<p>Enter the code shown on your device.</p>'
      : `<p class="error" role="alert">${escapeXml(error)}</p>`;
  return page(
    'Connect a device',
    `${message}\n${form}\n<button type="submit" form="op.deviceInputForm">Continue</button>`,
  );
}

/** Device flow, step 2: confirm that the code matches. */
export function renderDeviceConfirmPage(form: string, clientName: string, userCode: string): string {
  return page(
    'Confirm the device',
    `<p><strong>${escapeXml(clientName)}</strong> asks to act on your behalf.
The code shown on your device should be:</p>
<p><code>${escapeXml(userCode)}</code></p>
<p>If it does not match, or you did not start this, abort.</p>
${form}
<button type="submit" form="op.deviceConfirmForm">Continue</button>
<button type="submit" form="op.deviceConfirmForm" value="yes" name="abort">Abort</button>`,
  );
}

/** Device flow, done. */
export function renderDeviceSuccessPage(): string {
  return page('Device connected', '<p>You are signed in on your device. You can close this page.</p>');
}
