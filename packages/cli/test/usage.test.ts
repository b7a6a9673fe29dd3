import { createSandbox, type Sandbox } from './helpers/cli.js';

// The CLI without any platform: help, usage errors, exit codes, completion,
// and what it says when no broker runs.

const COMMANDS = [
  'login',
  'logout',
  'whoami',
  'status',
  'token',
  'env',
  'broker',
  'sessions',
  'ls',
  'cp',
  'mkdir',
  'rm',
  'jobs',
  'completion',
];

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox();
});
afterAll(() => sandbox.cleanup());

describe('help', () => {
  test('vobridge --help lists every command and the exit codes', async () => {
    const result = await sandbox.run(['--help']);
    expect(result.code).toBe(0);
    for (const command of COMMANDS) {
      expect(result.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
    expect(result.stdout).toMatch(/Exit codes:/);
  });

  test.each([
    ['login'],
    ['logout'],
    ['whoami'],
    ['status'],
    ['token'],
    ['env'],
    ['completion'],
    ['broker', 'start'],
    ['broker', 'stop'],
    ['broker', 'status'],
    ['broker', 'run'],
    ['sessions', 'ls'],
    ['sessions', 'launch'],
    ['sessions', 'rm'],
    ['sessions', 'renew'],
    ['sessions', 'open'],
    ['sessions', 'logs'],
    ['ls'],
    ['cp'],
    ['mkdir'],
    ['rm'],
    ['jobs', 'ls'],
    ['jobs', 'submit'],
    ['jobs', 'wait'],
    ['jobs', 'results'],
    ['jobs', 'abort'],
  ])('vobridge %s --help describes the command', async (...command: string[]) => {
    const result = await sandbox.run([...command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Usage: vobridge ${command.join(' ')}`, 'm'));
    expect(result.stderr).toBe('');
  });

  test('--version prints the package version', async () => {
    const result = await sandbox.run(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('usage errors: one line, a hint, exit code 1', () => {
  test.each([
    [['login', 'https://p.example.org', '--bogus'], /^vobridge: unknown option '--bogus'$/],
    [['token'], /^vobridge: missing required argument 'service-url'$/],
    [['token', 'not a url'], /^vobridge: .*expected an http\(s\) URL/],
    [['token', 'https://p.example.org', '--min-valid', 'soon'], /^vobridge: .*expected a number of seconds/],
    [['login', 'https://user:pw@p.example.org'], /^vobridge: .*credentials in no URL/],
    [
      ['login', 'https://p.example.org', '--method', 'carrier-pigeon'],
      /^vobridge: .*Allowed choices are password, cookie, basic, device, token/,
    ],
    [['frobnicate'], /^vobridge: unknown command 'frobnicate'$/],
    [['completion', 'tcsh'], /^vobridge: no completion for shell 'tcsh'$/],
    [
      ['jobs', 'submit', 'https://p.example.org/uws/sleep', 'DURATION'],
      /^vobridge: .*expected NAME=VALUE, got 'DURATION'/,
    ],
    [['jobs', 'ls', 'https://p.example.org/uws/sleep', '--phase', 'SLEEPING'], /^vobridge: unknown phase 'SLEEPING'$/],
    [
      ['sessions', 'launch', 'spaceship'],
      /^vobridge: .*Allowed choices are desktop, notebook, carta, headless, firefly, desktop-app, contributed/,
    ],
    [['sessions', 'launch', 'headless', '--env', 'NOEQUALS'], /^vobridge: .*expected KEY=VALUE/],
    [['ls', '/tmp'], /^vobridge: not a vos: location: "\/tmp"$/],
  ])('%j', async (args, line) => {
    const result = await sandbox.run(args);
    expect(result.code).toBe(1);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(line);
    expect(lines[1]).toMatch(/--help|Use: |vos:alice|Phases: /);
    expect(result.stdout).toBe('');
  });

  test('a password given in a URL is not echoed back', async () => {
    const result = await sandbox.run(['login', 'https://alice:hunter2@p.example.org']);
    expect(result.code).toBe(1);
    expect(result.stderr).not.toContain('hunter2');
  });

  test('a command group without a subcommand shows its help and fails', async () => {
    const result = await sandbox.run(['broker']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Usage: vobridge broker/);
  });
});

describe('without a broker', () => {
  test.each([[['status']], [['token', 'https://p.example.org/tap']], [['whoami']], [['env']], [['broker', 'status']]])(
    '%j exits 5 and says how to start one',
    async (args) => {
      const result = await sandbox.run(args);
      expect(result.code).toBe(5);
      expect(result.stderr).toMatch(/^vobridge: no broker is running\n.*vobridge broker start/);
    },
  );

  test('a broker URL from the environment must be loopback: the secret goes nowhere else', async () => {
    const result = await sandbox.run(['status'], {
      env: { VOBRIDGE_BROKER_URL: 'http://broker.example.org:8080', VOBRIDGE_BROKER_SECRET: 's3cret-value' },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^vobridge: VOBRIDGE_BROKER_URL is not a loopback address$/m);
    expect(result.stderr).not.toContain('s3cret-value');
  });

  test('broker stop is a no-op', async () => {
    const result = await sandbox.run(['broker', 'stop']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/no broker is running/);
  });
});

describe('completion', () => {
  /** Runs the generated bash completion for a command line ending at the cursor. */
  async function complete(words: string[]): Promise<string[]> {
    const script = (await sandbox.run(['completion', 'bash'])).stdout;
    const { spawnSync } = await import('node:child_process');
    const quoted = words.map((w) => `'${w}'`).join(' ');
    const probe = `${script}\nCOMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _vobridge_completion; printf '%s\\n' "\${COMPREPLY[@]}"`;
    const result = spawnSync('bash', ['-c', probe], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    return result.stdout.split('\n').filter(Boolean).sort();
  }

  test('bash completes commands, subcommands and options', async () => {
    expect(await complete(['vobridge', 'lo'])).toEqual(['login', 'logout']);
    expect(await complete(['vobridge', 'broker', 'st'])).toEqual(['start', 'status', 'stop']);
    expect(await complete(['vobridge', 'login', 'https://p', '--me'])).toEqual(['--method']);
    expect(await complete(['vobridge', 'jobs', 'w'])).toEqual(['wait']);
    expect(await complete(['vobridge', 'sessions', ''])).toEqual(['launch', 'logs', 'ls', 'open', 'renew', 'rm']);
    expect(await complete(['vobridge', 'rm', '-'])).toEqual(['--help', '--platform', '--recursive', '-r']);
  });

  test('zsh script defines and registers the completion function', async () => {
    const result = await sandbox.run(['completion', 'zsh']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^#compdef vobridge/);
    expect(result.stdout).toMatch(/compdef _vobridge vobridge$/m);
    expect(result.stdout).toContain('"_ broker" "start stop status run"');
  });
});
