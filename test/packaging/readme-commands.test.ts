// Every command line the READMEs document runs as documented: after the
// README's set-up, `npx vobridge …`, `npx vobridge-platform …` and
// `npx vobridge-broker …` start the workspace's own programs (never a package
// of that name from the registry: `npx --no`), and each documented command
// answers `--help`.
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '@vobridge/testing';

const run = promisify(execFile);
const PROGRAMS = ['vobridge', 'vobridge-platform', 'vobridge-broker'];

/** `[program, ...subcommands]` of a command line, or `undefined` when it does not run one of ours. */
function commandOf(line: string): string[] | undefined {
  const words = line
    .trim()
    .replace(/^npx\s+/, '')
    .split(/\s+/);
  // What the programs print (`vobridge-platform listening on …`) is quoted in the READMEs too.
  if (!PROGRAMS.includes(words[0] ?? '') || ['listening', 'CA'].includes(words[1] ?? '')) return undefined;
  const path = [words[0] as string];
  // Subcommands are the plain lower-case words right after the program; the first argument or option ends them.
  for (const word of words.slice(1)) {
    if (!/^[a-z][a-z-]*$/.test(word)) break;
    path.push(word);
  }
  return path;
}

/** Every documented command of a README: code-block lines and `inline code` spans. */
function documentedCommands(readme: string): string[][] {
  const commands: string[][] = [];
  let inCode = false;
  for (const line of readFileSync(readme, 'utf8').split('\n')) {
    if (line.trim().startsWith('```')) {
      inCode = !inCode;
      continue;
    }
    const candidates = inCode ? [line] : [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);
    for (const candidate of candidates) {
      const command = commandOf(candidate);
      if (command !== undefined) commands.push(command);
    }
  }
  return commands;
}

const readmes = [
  join(ROOT, 'README.md'),
  ...readdirSync(join(ROOT, 'packages')).map((p) => join(ROOT, 'packages', p, 'README.md')),
];
const commands = [
  ...new Map(
    readmes
      .flatMap((readme) => {
        try {
          return documentedCommands(readme);
        } catch {
          return [];
        }
      })
      .map((path) => [path.join(' '), path]),
  ).values(),
];

test('the READMEs document commands of all three programs', () => {
  expect(new Set(commands.map((path) => path[0]))).toEqual(new Set(PROGRAMS));
});

test.each(commands.map((path) => [path.join(' '), path]))('npx %s --help', async (_name, path) => {
  const [program, ...rest] = path as string[];
  // `--` ends npx's own options: without it `--no` makes npx take `--help` for itself and print npm's usage.
  const { stdout } = await run('npx', ['--no', '--', program as string, ...rest, '--help'], {
    cwd: ROOT,
    timeout: 60_000,
  });
  // The program's own usage line (npm's help also says "Usage:"), for the documented command: its
  // command words lead the documented line (the words after them, like `canfar`, are arguments).
  const usage = /^Usage: (\S+(?: [a-z][a-z-]*)*)/m.exec(stdout)?.[1]?.split(' ');
  expect(usage?.[0]).toBe(program);
  expect(path.slice(0, usage?.length)).toEqual(usage);
});
