import type { AuthFetch, Credential } from '@vobridge/sdk';
import type { BrokerClient } from './client.js';

/** Tokens handed to a client must stay valid at least this long (s). */
const MIN_VALID_S = 120;

/**
 * An SDK `fetch` whose credential for `serviceUrl`'s origin comes from the
 * broker: the SDK attaches it only to that origin (redirects included), and
 * when it nears expiry or is refused, a fresh one is asked of the broker, so
 * the CLI never holds a refresh token or a password.
 */
export async function brokerFetch(broker: BrokerClient, serviceUrl: string): Promise<AuthFetch> {
  const { bearerCredential, createAuthFetch, CredentialStore } = await import('@vobridge/sdk');
  const origin = new URL(serviceUrl).origin;
  const fromBroker = async (): Promise<Credential> => {
    const token = await broker.token(serviceUrl, MIN_VALID_S);
    return bearerCredential(token.token, {
      ...(token.expires_at ? { expiresAt: token.expires_at * 1000 } : {}),
      refresh: fromBroker,
    });
  };
  const store = new CredentialStore();
  store.set(origin, await fromBroker());
  return createAuthFetch({ store });
}
