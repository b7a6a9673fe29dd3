#!/usr/bin/env node
// Stand-in for a headless container: interprets a few harmless commands
// itself (never a shell, never an arbitrary program), prints their output
// as the session log and exits with their status.
import { setTimeout as sleep } from 'node:timers/promises';
import { exitWithParent, log } from './environment.js';

const cmd = process.env.SESSION_CMD ?? '';
const args = (process.env.SESSION_ARGS ?? '').split(/\s+/).filter(Boolean);

async function run(): Promise<number> {
  switch (cmd) {
    case '':
    case 'true':
      return 0;
    case 'false':
      return 1;
    case 'echo':
      process.stdout.write(`${args.join(' ')}\n`);
      return 0;
    case 'env':
      for (const [key, value] of Object.entries(process.env).sort()) {
        // The token file path is fine to show; a token itself is never in the environment.
        if (!/TOKEN$|SECRET|PASSWORD/i.test(key)) process.stdout.write(`${key}=${value ?? ''}\n`);
      }
      return 0;
    case 'sleep': {
      const seconds = Number(args[0] ?? '1');
      if (!Number.isFinite(seconds) || seconds < 0 || seconds > 86400) {
        console.error('sleep: invalid duration');
        return 2;
      }
      await sleep(seconds * 1000);
      return 0;
    }
    default:
      console.error(`${cmd}: command not available in this stand-in (echo, env, sleep, true, false)`);
      return 127;
  }
}

exitWithParent(async () => undefined);
log(`headless session ${process.env.SESSION_ID ?? ''} running: ${cmd} ${args.join(' ')}`.trimEnd());
run().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(String(err));
    process.exit(1);
  },
);
