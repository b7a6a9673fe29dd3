#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startBroker, type BrokerOptions } from '../broker.js';
import { BrokerError } from '../errors.js';
import { hubEndpointFrom } from '../platform/hub-tokens.js';

const usage = `Usage: vobridge-broker [--port N] [--socket PATH] [--runtime-file PATH]
                      [--token-file [PATH]] [--token-file-url URL] [--persist [DIR]]
                      [--no-hub] [--exit-with-parent] [--quiet]

Local token broker for vobridge: kernels and tools get fresh tokens for the
platforms the user logged in to. Listens on 127.0.0.1 (or a unix socket),
writes its URL and secret to the runtime file (0600) and stops on SIGTERM.

Under JupyterHub (JUPYTERHUB_API_URL and JUPYTERHUB_API_TOKEN set) it logs in
through the hub when the hub runs vobridge_jupyterhub; --no-hub turns that off.
--exit-with-parent stops the broker when the process that started it is gone
(a Jupyter server killed without a chance to stop it, say).`;

function parse(): { options: BrokerOptions; quiet: boolean; exitWithParent: boolean } {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      socket: { type: 'string' },
      'runtime-file': { type: 'string' },
      'token-file': { type: 'string' },
      'token-file-url': { type: 'string' },
      persist: { type: 'string' },
      quiet: { type: 'boolean' },
      'no-hub': { type: 'boolean' },
      'exit-with-parent': { type: 'boolean' },
      help: { type: 'boolean' },
    },
    // `--token-file` and `--persist` may stand alone: an empty value means "the default place".
    args: process.argv
      .slice(2)
      .flatMap((arg, i, all) =>
        (arg === '--token-file' || arg === '--persist') && (all[i + 1] === undefined || all[i + 1]?.startsWith('--'))
          ? [arg, '']
          : [arg],
      ),
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const options: BrokerOptions = { log: (line) => console.error(`vobridge-broker: ${line}`) };
  if (values.port !== undefined) {
    if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535)
      throw new Error('--port must be a number from 0 to 65535.');
    options.port = Number(values.port);
  }
  if (values.socket) options.socketPath = values.socket;
  if (values['runtime-file']) options.runtimeFile = values['runtime-file'];
  if (values['token-file'] !== undefined) {
    options.tokenFile = {
      ...(values['token-file'] ? { path: values['token-file'] } : {}),
      ...(values['token-file-url'] ? { url: values['token-file-url'] } : {}),
    };
  }
  if (values.persist !== undefined) options.persist = values.persist ? { dir: values.persist } : true;
  const hub = values['no-hub'] ? undefined : hubEndpointFrom(process.env);
  if (hub) options.hub = hub;
  return { options, quiet: values.quiet ?? false, exitWithParent: values['exit-with-parent'] ?? false };
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (error) {
    console.error(`vobridge-broker: ${(error as Error).message}\n\n${usage}`);
    process.exit(2);
  }
  if (parsed.quiet) delete parsed.options.log;
  const broker = await startBroker(parsed.options);
  console.log(`vobridge-broker listening on ${broker.url}`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    broker.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  if (parsed.exitWithParent) {
    // An orphan is re-parented (to init or a subreaper): its parent id changes.
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) stop();
    }, 1000).unref();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof BrokerError ? error.message : `failed to start: ${(error as Error).message}`;
  console.error(`vobridge-broker: ${message}`);
  process.exit(1);
});
