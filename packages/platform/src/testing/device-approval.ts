// A person approving a device login (RFC 8628) at the platform, without the
// person: open verification_uri_complete, confirm the pre-filled code, confirm
// again, sign in.
import { HeadlessUserAgent } from './user-agent.js';

/** A user of the platform and their password. */
export interface Credentials {
  username: string;
  password: string;
}

const CONNECTED = /Device connected/;
/** The code page, the confirm page and the sign-in form, with one step to spare. */
const MAX_STEPS = 4;

/**
 * Approves the device login behind `verificationUriComplete` as `user`.
 * Rejects unless the platform ends on its "Device connected" page.
 */
export async function approveDeviceCode(verificationUriComplete: string, user: Credentials): Promise<void> {
  const agent = new HeadlessUserAgent(verificationUriComplete);
  let page = await agent.open(verificationUriComplete);
  for (let step = 0; step < MAX_STEPS && !CONNECTED.test(page.html); step++) {
    const signIn = /name="password"/.test(page.html);
    page = await agent.submit(page, signIn ? { username: user.username, password: user.password } : {});
  }
  if (page.status !== 200 || !CONNECTED.test(page.html)) {
    throw new Error(`device approval failed: HTTP ${page.status} ${page.html.slice(0, 200)}`);
  }
}
