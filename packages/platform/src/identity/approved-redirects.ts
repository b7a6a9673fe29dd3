import { join } from 'node:path';
import { DocumentStore } from '../store/index.js';

type Approvals = Record<string, Record<string, string[]>>;

/**
 * Redirect URIs each user has approved for each OAuth client. The public
 * client may redirect to any loopback port (RFC 8252), so after one browser
 * login any local process could otherwise collect a code by link alone: an
 * authorization request to a redirect URI the user never approved shows a
 * consent page, and only the exact URI the user allowed is remembered.
 */
export class ApprovedRedirects {
  readonly #store: DocumentStore<Approvals>;

  private constructor(store: DocumentStore<Approvals>) {
    this.#store = store;
  }

  /** Opens `<dataDir>/oidc/approved-redirects.json` (0600). */
  static async open(dataDir: string): Promise<ApprovedRedirects> {
    const store = await DocumentStore.open<Approvals>({
      path: join(dataDir, 'oidc', 'approved-redirects.json'),
      parse: parseApprovals,
      initial: () => ({}),
    });
    return new ApprovedRedirects(store);
  }

  /** Whether `accountId` approved `redirectUri` for `clientId` before. */
  has(accountId: string, clientId: string, redirectUri: string): boolean {
    return Object.hasOwn(this.#store.value, accountId)
      ? (this.#store.value[accountId]?.[clientId]?.includes(redirectUri) ?? false)
      : false;
  }

  /** Remembers an approval. */
  async add(accountId: string, clientId: string, redirectUri: string): Promise<void> {
    await this.#store.update((draft) => {
      const byClient = (draft[accountId] ??= {});
      const uris = (byClient[clientId] ??= []);
      if (!uris.includes(redirectUri)) uris.push(redirectUri);
    });
  }
}

function parseApprovals(value: unknown): Approvals {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error('approved redirects: not an object');
  for (const byClient of Object.values(value as Record<string, unknown>)) {
    if (typeof byClient !== 'object' || byClient === null) throw new Error('approved redirects: malformed');
    for (const uris of Object.values(byClient as Record<string, unknown>))
      if (!Array.isArray(uris) || !uris.every((u) => typeof u === 'string'))
        throw new Error('approved redirects: malformed');
  }
  return value as Approvals;
}
