import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { writePrivateFileAtomic } from '../util/atomic-file.js';
import type { PlatformServices, Renewal } from '../platform/platform-client.js';
import type { LoginMethod } from './login.js';
import type { IssuedToken } from '@vobridge/sdk';

/** One login as stored (inside the encrypted envelope only). */
export interface StoredLogin {
  id: string;
  method: LoginMethod;
  created_at: string;
  platform: string;
  origins: string[];
  domains: string[];
  /** Absent in stores written before services were located through registries. */
  services?: PlatformServices;
  token: IssuedToken;
  renewal: Renewal;
}

/** Where persisted logins live: `$XDG_STATE_HOME/vobridge` (else `~/.local/state/vobridge`). */
export function defaultStateDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'vobridge');
}

interface Envelope {
  v: 1;
  iv: string;
  tag: string;
  data: string;
}

/**
 * Encrypted login store, used only when the user turns persistence on:
 * AES-256-GCM, the key in its own 0600 file created on first use, the store
 * written 0600 and atomically. A copied or backed-up store file is useless
 * without the key file; a tampered one fails authentication and is ignored.
 */
export class LoginStore {
  readonly file: string;
  readonly keyFile: string;

  constructor(file: string, keyFile: string) {
    this.file = file;
    this.keyFile = keyFile;
  }

  /** Stored logins; none when the store is missing, unreadable or fails authentication. */
  async load(): Promise<StoredLogin[]> {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(await readFile(this.file, 'utf8')) as Envelope;
    } catch {
      return [];
    }
    try {
      const key = await this.#key(false);
      if (!key) return [];
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(envelope.iv, 'base64'));
      decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
      const plain = Buffer.concat([decipher.update(Buffer.from(envelope.data, 'base64')), decipher.final()]);
      const logins: unknown = JSON.parse(plain.toString('utf8'));
      return Array.isArray(logins) ? (logins as StoredLogin[]) : [];
    } catch {
      return [];
    }
  }

  /** Replace the stored logins. */
  async save(logins: readonly StoredLogin[]): Promise<void> {
    const key = (await this.#key(true)) as Buffer;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(logins), 'utf8'), cipher.final()]);
    const envelope: Envelope = {
      v: 1,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
    await writePrivateFileAtomic(this.file, JSON.stringify(envelope));
  }

  async #key(create: boolean): Promise<Buffer | undefined> {
    try {
      const key = Buffer.from((await readFile(this.keyFile, 'utf8')).trim(), 'base64');
      if (key.length === 32) return key;
    } catch {
      // Missing key file: created below when saving.
    }
    if (!create) return undefined;
    const key = randomBytes(32);
    await writePrivateFileAtomic(this.keyFile, key.toString('base64'));
    return key;
  }
}
