import { join } from 'node:path';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import { DocumentStore } from '../store/index.js';

interface Entry {
  payload: AdapterPayload;
  /** Epoch seconds after which the entry is gone; absent: never. */
  expiresAt?: number;
}

type Entries = Record<string, Entry>;

/**
 * Seconds during which a rotated-out refresh token still works. The platform
 * rotates refresh tokens and treats reuse of a spent one as theft (the grant
 * is revoked), so a refresh whose answer was lost on the way — a timeout, a
 * restart between granting and answering — would otherwise cost the user
 * the login. Identity providers offer the same leeway (Okta's grace period,
 * Auth0's reuse interval); outside it, reuse still revokes the grant.
 */
export const REFRESH_REUSE_GRACE_SECONDS = 60;

function parseEntries(value: unknown): Entries {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new Error('expected an object of entries');
  return value as Entries;
}

/**
 * oidc-provider storage in files under `<dataDir>/oidc/` (one JSON document
 * per model, mode 0600, atomic writes), so refresh tokens, grants and
 * browser sessions survive a restart. Sized for a reference platform:
 * every change rewrites its model's document, and expired entries are
 * dropped on each write.
 */
export function fileAdapterFactory(dataDir: string): (name: string) => Adapter {
  const stores = new Map<string, Promise<DocumentStore<Entries>>>();
  const open = (name: string): Promise<DocumentStore<Entries>> => {
    let store = stores.get(name);
    if (store === undefined) {
      store = DocumentStore.open({
        path: join(dataDir, 'oidc', `${name}.json`),
        parse: parseEntries,
        initial: () => ({}),
      });
      stores.set(name, store);
    }
    return store;
  };
  const now = (): number => Math.floor(Date.now() / 1000);
  const live = (entry: Entry | undefined): AdapterPayload | undefined =>
    entry === undefined || (entry.expiresAt !== undefined && entry.expiresAt <= now()) ? undefined : entry.payload;
  /** A refresh token spent within the grace period reads as unspent, so the provider rotates it once more. */
  const reusable = (payload: AdapterPayload | undefined): AdapterPayload | undefined => {
    if (payload?.consumed === undefined || now() - Number(payload.consumed) > REFRESH_REUSE_GRACE_SECONDS)
      return payload;
    const { consumed: _spent, ...unspent } = payload;
    return unspent;
  };
  const prune = (entries: Entries): void => {
    for (const [id, entry] of Object.entries(entries)) if (live(entry) === undefined) delete entries[id];
  };

  return (name: string): Adapter => ({
    async upsert(id, payload, expiresIn) {
      const store = await open(name);
      await store.update((entries) => {
        prune(entries);
        entries[id] =
          expiresIn !== undefined && expiresIn > 0 ? { payload, expiresAt: now() + expiresIn } : { payload };
      });
    },
    async find(id) {
      const payload = live((await open(name)).value[id]);
      return name === 'RefreshToken' ? reusable(payload) : payload;
    },
    async findByUserCode(userCode) {
      return Object.values((await open(name)).value)
        .map(live)
        .find((p) => p?.userCode === userCode);
    },
    async findByUid(uid) {
      return Object.values((await open(name)).value)
        .map(live)
        .find((p) => p?.uid === uid);
    },
    async consume(id) {
      const store = await open(name);
      await store.update((entries) => {
        const entry = entries[id];
        // The first spending counts: reuse within the grace period must not extend it.
        if (entry !== undefined) entry.payload = { ...entry.payload, consumed: entry.payload.consumed ?? now() };
      });
    },
    async destroy(id) {
      const store = await open(name);
      if (store.value[id] === undefined) return;
      await store.update((entries) => void delete entries[id]);
    },
    async revokeByGrantId(grantId) {
      const store = await open(name);
      await store.update((entries) => {
        for (const [id, entry] of Object.entries(entries)) if (entry.payload.grantId === grantId) delete entries[id];
      });
    },
  });
}
