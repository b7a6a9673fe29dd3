#!/usr/bin/env node
// Starts the demo: the reference platform, then JupyterLab with the vobridge
// extension (whose server extension starts the broker) when it is installed,
// else the broker alone. Prints only what is actually running. Ctrl-C stops all.
//
// Everything the demo writes lives under its data dir (.vobridge-data/demo):
// the platform's users and files, the broker's encrypted logins, JupyterLab's
// settings and a workspace holding copies of the example notebooks, so no
// autosave lands in the repository. The platform keeps its port from one run
// to the next, so logins made in an earlier run still belong to it.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
const stateFile = path.join(dataDir, 'demo.json');
/** The port the platform listens on unless told otherwise: the one examples/README.md names. */
const DEFAULT_PORT = '8765';
const children = [];
let stopping = false;

/** What an earlier run left: its pid, its port and what it printed. */
function readState() {
  try {
    return JSON.parse(readFileSync(stateFile, 'utf8'));
  } catch {
    return {};
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function stopAll(code = 0) {
  stopping = true;
  // The exit code holds even when the loop empties before the timer below fires.
  process.exitCode = code;
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
    let up = false;
    // The output's tail is kept all along: it is what gets shown when the process dies.
    const onData = (chunk) => {
      seen = (seen + chunk.toString()).slice(-8192);
      const m = up ? null : ready.exec(seen);
      if (m) {
        up = true;
        resolve(m);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code, signal) => {
      const last = seen.trim().split('\n').slice(-15).join('\n');
      if (stopping) return;
      if (!up) {
        reject(
          Object.assign(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${last}`), {
            output: seen,
          }),
        );
        return;
      }
      // A part of the demo died under the user: say so, and stop the rest rather than run half a demo.
      console.error(`\ndemo: the ${name} stopped (${code ?? signal}); stopping the demo.\n${last}`);
      stopAll(1);
    });
  });
}

const platformBin = path.join(root, 'packages/platform/dist/bin/vobridge-platform.js');
const brokerBin = path.join(root, 'packages/broker/dist/bin/vobridge-broker.js');
if (!existsSync(platformBin)) {
  console.error('demo: the platform is not built; run `npm run demo` (it builds first).');
  process.exit(1);
}

mkdirSync(dataDir, { recursive: true, mode: 0o700 });
const earlier = readState();
if (earlier.pid && earlier.pid !== process.pid && alive(earlier.pid)) {
  // A second `npm run demo` joins the running one instead of starting a second platform on another port.
  console.log(['', `The demo is already running (pid ${earlier.pid}):`, ...(earlier.lines ?? []), ''].join('\n'));
  process.exit(0);
}

/** Starts the platform on `port`; on a port taken by something else, on a free one (and says so). */
async function startPlatform(port) {
  const args = [platformBin, '--data', path.join(dataDir, 'platform'), '--topology', topology];
  const listen = (p) =>
    start('reference platform', process.execPath, [...args, '--port', p], /vobridge-platform listening on (\S+)/);
  try {
    return await listen(port);
  } catch (error) {
    if (port === '0' || !/EADDRINUSE/.test(error.output ?? '')) throw error;
    console.error(`demo: port ${port} is taken by another program; the platform gets a free port instead.`);
    return listen('0');
  }
}

/** A workspace outside the repository, with the example notebooks copied in once (later edits are the user's). */
function prepareWorkspace() {
  const workspace = path.join(dataDir, 'workspace');
  mkdirSync(workspace, { recursive: true });
  const examples = path.join(root, 'examples', 'notebooks');
  for (const name of readdirSync(examples).filter((n) => n.endsWith('.ipynb'))) {
    const copy = path.join(workspace, name);
    if (!existsSync(copy)) copyFileSync(path.join(examples, name), copy);
  }
  return workspace;
}

/** JupyterLab's config for the demo: the broker keeps logins across runs, no news prompt. */
function prepareJupyterConfig() {
  const config = path.join(dataDir, 'jupyter', 'config');
  const settings = path.join(dataDir, 'jupyter', 'settings');
  mkdirSync(config, { recursive: true });
  mkdirSync(path.join(settings, '@jupyterlab', 'apputils-extension'), { recursive: true });
  writeFileSync(
    path.join(config, 'jupyter_server_config.json'),
    JSON.stringify(
      { VobridgeApp: { broker_command: [process.execPath, brokerBin, '--persist', path.join(dataDir, 'broker')] } },
      null,
      2,
    ),
  );
  writeFileSync(
    path.join(settings, '@jupyterlab', 'apputils-extension', 'notification.jupyterlab-settings'),
    JSON.stringify({ fetchNews: 'false', checkForUpdates: false }),
  );
  return { JUPYTER_CONFIG_DIR: config, JUPYTERLAB_SETTINGS_DIR: settings };
}

try {
  const port = process.env.VOBRIDGE_DEMO_PORT ?? String(earlier.port ?? DEFAULT_PORT);
  const [, platformUrl] = await startPlatform(port);
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
        `--ServerApp.root_dir=${prepareWorkspace()}`,
        '--LabApp.news_url=None',
        // Containers and CI machines often run as root, which Jupyter refuses without this flag.
        ...(process.getuid?.() === 0 ? ['--allow-root'] : []),
      ],
      /(http:\/\/(?:127\.0\.0\.1|localhost):\d+\/lab)/,
      {
        // The token by environment, never on the command line, where every local user's `ps` shows it.
        JUPYTER_TOKEN: token,
        ...prepareJupyterConfig(),
        // Kernels inherit these: the notebooks find the platform, and `!vobridge` runs the workspace's CLI.
        VOBRIDGE_PLATFORM_URL: platformUrl,
        VOBRIDGE_PLATFORM: platformUrl,
        PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}`,
      },
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
    `Notebooks           ${path.join(dataDir, 'workspace')}   (copies of examples/notebooks)`,
  );
  writeFileSync(stateFile, JSON.stringify({ pid: process.pid, port: new URL(platformUrl).port, lines }, null, 2), {
    mode: 0o600,
  });
  lines.push('Stop with Ctrl-C.');
  console.log(['', ...lines, ''].join('\n'));
} catch (err) {
  console.error(`demo: ${err.message}`);
  stopAll(1);
}
