#!/usr/bin/env node
// The installed `vobridge` command. npm links workspace bins when it installs,
// before anything is built, so this file is committed and loads the build.
import { existsSync } from 'node:fs';

const built = new URL('../dist/bin/vobridge.js', import.meta.url);
if (!existsSync(built)) {
  console.error('vobridge: not built yet. Run `npm run build` in the vobridge checkout (`npm test` and `npm run demo` build first).');
  process.exit(1);
}
await import(built.href);
