import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DocumentStore } from '../store/index.js';
import { hashPassword, verifyPassword } from './password.js';

/** One entry of a users file (`--users FILE`): a JSON array of these. */
export interface UserSpec {
  /** Login name: letters, digits, `.`, `_`, `-`; starts with a letter. */
  username: string;
  /** Plain-text password; hashed with scrypt before it is stored. */
  password: string;
  /** Groups the user belongs to. */
  groups?: string[];
}

/** A stored user (never holds the plain password). */
export interface UserRecord {
  username: string;
  /** POSIX-style numeric id, stable across restarts (skaha's `runAsUID`). */
  uid: number;
  groups: string[];
  passwordHash: string;
}

/** A stored group. */
export interface GroupRecord {
  name: string;
  /** Numeric id, stable across restarts (skaha's `supplementalGroups`). */
  gid: number;
}

interface UsersDocument {
  users: UserRecord[];
  groups: GroupRecord[];
}

/**
 * The demo users used when no users file is given (documented in the README).
 * Fixed, well-known passwords: for local demos and tests only.
 */
export const DEMO_USERS: readonly UserSpec[] = [
  { username: 'alice', password: 'alice-demo-password', groups: ['astro', 'demo'] },
  { username: 'bob', password: 'bob-demo-password', groups: ['demo'] },
  { username: 'carol', password: 'carol-demo-password', groups: ['astro'] },
];

const USERNAME = /^[A-Za-z][A-Za-z0-9._-]{0,63}$/;
const GROUPNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const FIRST_UID = 10001;
const FIRST_GID = 20001;

/** A users file that cannot be used, with the reason. */
export class UsersFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsersFileError';
  }
}

/** Validates the parsed JSON of a users file. */
export function parseUserSpecs(value: unknown, source = 'users file'): UserSpec[] {
  if (!Array.isArray(value)) throw new UsersFileError(`${source}: expected a JSON array of users`);
  const seen = new Set<string>();
  return value.map((entry: unknown, index) => {
    const where = `${source}[${index}]`;
    if (entry === null || typeof entry !== 'object') throw new UsersFileError(`${where}: expected an object`);
    const { username, password, groups } = entry as Record<string, unknown>;
    if (typeof username !== 'string' || !USERNAME.test(username)) {
      throw new UsersFileError(`${where}: username must match ${USERNAME.source}`);
    }
    if (seen.has(username)) throw new UsersFileError(`${where}: duplicate username ${username}`);
    seen.add(username);
    if (typeof password !== 'string' || password.length === 0)
      throw new UsersFileError(`${where}: password must be a non-empty string`);
    if (
      groups !== undefined &&
      (!Array.isArray(groups) || !groups.every((g) => typeof g === 'string' && GROUPNAME.test(g)))
    ) {
      throw new UsersFileError(`${where}: groups must be an array of names matching ${GROUPNAME.source}`);
    }
    return { username, password, groups: [...new Set((groups as string[] | undefined) ?? [])] };
  });
}

/** Reads and validates a users file. */
export async function readUsersFile(path: string): Promise<UserSpec[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new UsersFileError(`cannot read users file ${path}: ${(err as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UsersFileError(`users file ${path} is not valid JSON: ${(err as Error).message}`);
  }
  return parseUserSpecs(value, path);
}

/**
 * Users and groups of the platform, persisted in `<dataDir>/users.json`
 * (mode 0600, passwords scrypt-hashed). Numeric ids, once given, never change.
 */
export class UserStore {
  readonly #doc: DocumentStore<UsersDocument>;

  private constructor(doc: DocumentStore<UsersDocument>) {
    this.#doc = doc;
  }

  /**
   * Opens the store. With `specs`, the stored users become exactly those
   * (passwords re-hashed, ids kept); without, the stored users are kept, or
   * the {@link DEMO_USERS} are used on first start.
   */
  static async open(dataDir: string, specs?: readonly UserSpec[]): Promise<UserStore> {
    const doc = await DocumentStore.open<UsersDocument>({
      path: join(dataDir, 'users.json'),
      parse: parseUsersDocument,
      initial: () => ({ users: [], groups: [] }),
    });
    const store = new UserStore(doc);
    const wanted = specs ?? (doc.value.users.length === 0 ? DEMO_USERS : undefined);
    if (wanted !== undefined) await store.#replaceUsers(wanted);
    return store;
  }

  async #replaceUsers(specs: readonly UserSpec[]): Promise<void> {
    const hashes = await Promise.all(specs.map((spec) => hashPassword(spec.password)));
    await this.#doc.update((doc) => {
      const uids = new Map(doc.users.map((u) => [u.username, u.uid]));
      let nextUid = Math.max(FIRST_UID - 1, ...doc.users.map((u) => u.uid)) + 1;
      doc.users = specs.map((spec, i) => ({
        username: spec.username,
        uid: uids.get(spec.username) ?? nextUid++,
        groups: [...(spec.groups ?? [])],
        passwordHash: hashes[i] as string,
      }));
      const gids = new Map(doc.groups.map((g) => [g.name, g.gid]));
      let nextGid = Math.max(FIRST_GID - 1, ...doc.groups.map((g) => g.gid)) + 1;
      const names = [...new Set(doc.users.flatMap((u) => u.groups))].sort();
      doc.groups = names.map((name) => ({ name, gid: gids.get(name) ?? nextGid++ }));
    });
  }

  /** The user, if it exists. */
  get(username: string): UserRecord | undefined {
    return this.#doc.value.users.find((u) => u.username === username);
  }

  /** Every user. */
  list(): readonly UserRecord[] {
    return this.#doc.value.users;
  }

  /** Every group. */
  groups(): readonly GroupRecord[] {
    return this.#doc.value.groups;
  }

  /** The group, if it exists. */
  group(name: string): GroupRecord | undefined {
    return this.#doc.value.groups.find((g) => g.name === name);
  }

  /** User names of the members of `group`. */
  members(group: string): string[] {
    return this.#doc.value.users.filter((u) => u.groups.includes(group)).map((u) => u.username);
  }

  /** The user when `password` is right, otherwise `undefined` (same timing either way). */
  async authenticate(username: string, password: string): Promise<UserRecord | undefined> {
    const user = this.get(username);
    const ok = await verifyPassword(password, user?.passwordHash);
    return ok ? user : undefined;
  }
}

function parseUsersDocument(value: unknown): UsersDocument {
  if (value === null || typeof value !== 'object') throw new Error('users.json: expected an object');
  const { users, groups } = value as Record<string, unknown>;
  if (!Array.isArray(users) || !Array.isArray(groups)) throw new Error('users.json: expected users and groups arrays');
  return {
    users: users.map((u: unknown) => {
      const r = u as Record<string, unknown>;
      if (
        typeof r.username !== 'string' ||
        typeof r.uid !== 'number' ||
        typeof r.passwordHash !== 'string' ||
        !Array.isArray(r.groups)
      ) {
        throw new Error('users.json: malformed user');
      }
      return { username: r.username, uid: r.uid, passwordHash: r.passwordHash, groups: r.groups.map(String) };
    }),
    groups: groups.map((g: unknown) => {
      const r = g as Record<string, unknown>;
      if (typeof r.name !== 'string' || typeof r.gid !== 'number') throw new Error('users.json: malformed group');
      return { name: r.name, gid: r.gid };
    }),
  };
}
