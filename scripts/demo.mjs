#!/usr/bin/env node
// Starts the demo: the reference platform, then JupyterLab with the vobridge
// extension (whose server extension starts the broker) when it is installed,
// else the broker alone. Prints only what is actually running. Ctrl-C stops all.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// `npm run demo -- --topology split`: the platform's services each at an origin of their own, as CANFAR's.
const topologyArg = process.argv.indexOf('--topology');
const topology = topologyArg > 0 ? process.argv[topologyArg + 1] : (process.env.VOBRIDGE_DEMO_TOPOLOGY ?? 'single');
if (topology !== 'single' && topology !== 'split') {
  console.error('demo: --topology must be single or split');
  process.exit(2);
}
const dataDir = path.resolve(process.env.VOBRIDGE_DEMO_DATA ?? path.join(root, '.vobridge-data', 'demo'));
const venvPython = path.join(root, '.venv', 'bin', 'python');
const children = [];

function stopAll(code = 0) {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

/** Starts a process and resolves with the first match of `ready` in its output. */
function start(name, command, args, ready, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let seen = '';
    const onData = (chunk) => {
      seen = (seen + chunk.toString()).slice(-8192);
      const m = ready.exec(seen);
      if (m) {
        child.stdout.off('data', onData);
        child.stderr.off('data', onData);
        child.stdout.resume();
        child.stderr.resume();
        resolve(m);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      reject(
        new Error(`${name} exited (${code}) before it was ready:\n${seen.trim().split('\n').slice(-15).join('\n')}`),
      );
      if (children.every((c) => c.exitCode !== null)) process.exit(1);
    });
  });
}

const platformBin = path.join(root, 'packages/platform/dist/bin/vobridge-platform.js');
const brokerBin = path.join(root, 'packages/broker/dist/bin/vobridge-broker.js');
if (!existsSync(platformBin)) {
  console.error('demo: the platform is not built; run `npm run demo` (it builds first).');
  process.exit(1);
}

mkdirSync(dataDir, { recursive: true });
try {
  const [, platformUrl] = await start(
    'platform',
    process.execPath,
    [
      platformBin,
      '--port',
      process.env.VOBRIDGE_DEMO_PORT ?? '0',
      '--data',
      path.join(dataDir, 'platform'),
      '--topology',
      topology,
    ],
    /vobridge-platform listening on (\S+)/,
  );
  const lines = [
    `Reference platform  ${platformUrl}   (registry: ${platformUrl}/reg/resource-caps${topology === 'split' ? '; services at their own origins' : ''})`,
  ];

  const hasLabExtension =
    existsSync(venvPython) &&
    spawnSync(venvPython, ['-c', 'import vobridge_jupyterlab'], { stdio: 'ignore' }).status === 0;
  if (hasLabExtension) {
    const token = randomBytes(16).toString('hex');
    const [, labUrl] = await start(
      'JupyterLab',
      path.join(root, '.venv', 'bin', 'jupyter'),
      [
        'lab',
        '--no-browser',
        `--port=${process.env.VOBRIDGE_DEMO_LAB_PORT ?? '8888'}`,
        `--ServerApp.root_dir=${path.join(root, 'examples')}`,
        '--LabApp.news_url=None',
        // Containers and CI machines often run as root, which Jupyter refuses without this flag.
        ...(process.getuid?.() === 0 ? ['--allow-root'] : []),
      ],
      /(http:\/\/(?:127\.0\.0\.1|localhost):\d+\/lab)/,
      // The token by environment, never on the command line, where every local user's `ps` shows it.
      { VOBRIDGE_PLATFORM_URL: platformUrl, JUPYTER_TOKEN: token },
    );
    lines.push(`JupyterLab          ${labUrl}?token=${token}`);
    lines.push('Token broker        started by the JupyterLab server extension');
  } else if (existsSync(brokerBin)) {
    const [, brokerUrl] = await start(
      'broker',
      process.execPath,
      [brokerBin, '--port', '0'],
      /vobridge-broker listening on (\S+)/,
    );
    lines.push(`Token broker        ${brokerUrl}   (JupyterLab extension not built yet)`);
  } else {
    lines.push('Token broker        not built yet; JupyterLab extension not built yet');
  }
  lines.push(
    '',
    'Demo login          alice / alice-demo-password   (also bob, carol: see packages/platform/README.md)',
  );
  lines.push('Stop with Ctrl-C.');
  console.log(['', ...lines, ''].join('\n'));
} catch (err) {
  console.error(`demo: ${err.message}`);
  stopAll(1);
}
