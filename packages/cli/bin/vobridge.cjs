#!/usr/bin/env node
// The installed `vobridge` command. npm links workspace bins when it installs,
// before anything is built, so this file is committed and loads the build.
//
// CommonJS on purpose: shell loops call `vobridge token` (and `status`,
// `whoami`) many times, and loading ES modules costs Node 20 a fifth more than
// its own start. Their plain cases run from one bundled CommonJS file
// (`dist/quick.cjs`, built from src/commands/quick.ts); everything else, and
// any call it does not fully understand, goes to the full command tree.
'use strict';
const { existsSync } = require('node:fs');
const module_ = require('node:module');
const { homedir } = require('node:os');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

// Node 22.1+ keeps the compiled code of the CLI's modules on disk, which halves what loading them
// costs. In this user's own cache directory, not the shared temporary one, where another user
// could plant entries.
module_.enableCompileCache?.(join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'vobridge', 'node-compile-cache'));

const dist = join(__dirname, '..', 'dist');
if (!existsSync(join(dist, 'bin', 'vobridge.js'))) {
  console.error('vobridge: not built yet. Run `npm run build` in the vobridge checkout (`npm test` and `npm run demo` build first).');
  process.exit(1);
}

// `vobridge ... | head`: the reader went away; stop quietly, as other command-line tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const full = () => import(pathToFileURL(join(dist, 'bin', 'vobridge.js')).href);
if (['token', 'status', 'whoami'].includes(process.argv[2])) {
  const { quickCommand } = require(join(dist, 'quick.cjs'));
  quickCommand(process.argv.slice(2)).then((answered) => answered || full());
} else {
  full();
}
