#!/usr/bin/env node
import { run } from '../program.js';

// The full command tree; `bin/vobridge.cjs` (the installed command) answers the plain `vobridge token`, `status` and `whoami` before this loads.
process.exitCode = await run(process.argv);
