#!/usr/bin/env node
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readClientsFile, type OAuthClientMetadata } from '../identity/clients.js';
import { startPlatform } from '../platform.js';
import type { LogLevel } from '../log/logger.js';

const USAGE = `Usage: vobridge-platform [--port N] [--host ADDR] [--data DIR] [--users FILE]
                         [--token-ttl SECONDS] [--session-lifetime SECONDS] [--tls]
                         [--public-url URL] [--client FILE]... [--topology single|split]
                         [--log-level LEVEL]

Starts the vobridge reference science platform. Prints
"vobridge-platform listening on <url>" once it accepts requests; stops on SIGTERM/SIGINT.

  --port N            TCP port (default 8765; 0 picks a free port)
  --host ADDR         interface to listen on (default 127.0.0.1)
  --data DIR          state directory (default $XDG_DATA_HOME/vobridge/platform)
  --users FILE        JSON [{"username","password","groups":[...]}] (default: demo users)
  --token-ttl SECONDS access token lifetime (default 3600)
  --session-lifetime SECONDS
                      session lifetime and renewal step (default 345600, 4 days)
  --tls               serve HTTPS with a certificate from the platform's own CA
                      (created under --data on first start; its path is printed)
  --public-url URL    base URL clients use, when behind a proxy
  --client FILE       register further OAuth clients: JSON, one object or a list, of
                      {"client_id","client_secret","token_endpoint_auth_method",
                       "grant_types":[...],"redirect_uris":[...],"scope"}
                      (e.g. a confidential client_secret_basic client for oidc-agent;
                      the secret: 32+ generated characters; keep the file 0600);
                      may be repeated
  --topology T        single (default): every service at one origin; split: the
                      registry (/reg/resource-caps), logins and OIDC at the printed
                      URL, GMS, VOSpace, UWS and sessions each at an origin (port) of
                      its own, as real platforms spread services over hosts
  --log-level LEVEL   debug | info | warn | error | silent (default info)`;

function fail(message: string): never {
  console.error(`vobridge-platform: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function defaultDataDir(): string {
  const base = process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share');
  return join(base, 'vobridge', 'platform');
}

function integer(name: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) fail(`--${name} must be an integer`);
  const value = Number(text);
  if (value < min || value > max) fail(`--${name} must be between ${min} and ${max}`);
  return value;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        data: { type: 'string' },
        users: { type: 'string' },
        'token-ttl': { type: 'string' },
        'session-lifetime': { type: 'string' },
        tls: { type: 'boolean' },
        'public-url': { type: 'string' },
        client: { type: 'string', multiple: true },
        topology: { type: 'string' },
        'log-level': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (err) {
    fail((err as Error).message);
  }
  if (values.help === true) {
    console.log(USAGE);
    return;
  }
  const levels: LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];
  const logLevel = (values['log-level'] ?? 'info') as LogLevel;
  if (!levels.includes(logLevel)) fail(`--log-level must be one of ${levels.join(', ')}`);

  const topology = values.topology ?? 'single';
  if (topology !== 'single' && topology !== 'split') fail('--topology must be single or split');
  if (topology === 'split' && values['public-url'] !== undefined)
    fail('--public-url cannot be combined with --topology split');

  const oauthClients: OAuthClientMetadata[] = [];
  for (const file of values.client ?? []) oauthClients.push(...(await readClientsFile(file)));

  const platform = await startPlatform({
    port: integer('port', values.port, 8765, 0, 65535),
    dataDir: values.data ?? defaultDataDir(),
    accessTokenTtlSeconds: integer('token-ttl', values['token-ttl'], 3600, 1, 31 * 24 * 3600),
    sessionLifetimeSeconds: integer('session-lifetime', values['session-lifetime'], 4 * 24 * 3600, 1, 365 * 24 * 3600),
    tls: values.tls === true,
    topology,
    logLevel,
    ...(values.host === undefined ? {} : { host: values.host }),
    ...(values.users === undefined ? {} : { users: values.users }),
    ...(values['public-url'] === undefined ? {} : { publicUrl: values['public-url'] }),
    ...(oauthClients.length === 0 ? {} : { oauthClients }),
  });
  if (platform.caPath !== undefined) console.log(`vobridge-platform CA certificate: ${platform.caPath}`);
  if (topology === 'split') {
    for (const [service, origin] of Object.entries(platform.serviceOrigins))
      if (service !== 'auth') console.log(`vobridge-platform ${service} at ${origin}`);
  }
  console.log(`vobridge-platform listening on ${platform.url}`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    platform.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(`vobridge-platform: error while stopping on ${signal}: ${(err as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(`vobridge-platform: ${(err as Error).message}`);
  process.exit(1);
});
