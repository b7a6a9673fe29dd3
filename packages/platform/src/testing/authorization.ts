// A person signing in at the platform for an authorization-code (PKCE)
// client, without the person: the sign-in form, then the consent page if the
// platform shows one, until the redirect back to the client.
import type { Credentials } from './device-approval.js';
import { HeadlessUserAgent } from './user-agent.js';

const MAX_STEPS = 4;

/** Signs in as `user` at `authorizationUrl`; resolves to the URL the platform sends the browser back to. */
export async function authorize(authorizationUrl: string, user: Credentials): Promise<URL> {
  const agent = new HeadlessUserAgent(authorizationUrl);
  let page = await agent.open(authorizationUrl);
  for (let step = 0; step < MAX_STEPS && page.leftTo === undefined; step++) {
    const signIn = /name="password"/.test(page.html);
    // The consent page for a redirect URI not approved before: the person allows it.
    const consent = /name="decision"/.test(page.html);
    page = await agent.submit(
      page,
      signIn ? { username: user.username, password: user.password } : consent ? { decision: 'allow' } : {},
    );
  }
  if (page.leftTo === undefined) throw new Error(`authorization did not redirect back: HTTP ${page.status}`);
  return new URL(page.leftTo);
}
