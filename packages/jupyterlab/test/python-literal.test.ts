import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { connectSnippet } from '../src/models/snippet.js';
import { pythonString } from '../src/models/python-literal.js';

// Hostile names a platform (or another user sharing it) could give a session.
const HOSTILE = [
  'plain',
  '"); import os; os.system("id") #',
  "'; __import__('os').system('id'); '",
  'back\\slash\\',
  'line\nbreak\r\n',
  '\u2028line separator\u2029',
  'nul\u0000byte',
  'bidi \u202eoverride',
  'emoji 🔭 and 中文',
  'lone \ud800 surrogate',
  '"""triple"""',
  '{braces} %s',
];

// The project's venv (scripts/setup.sh) is always there when tests run.
const python = resolve(import.meta.dirname, '../../../.venv/bin/python');

describe('pythonString', () => {
  it('keeps printable ASCII readable', () => {
    expect(pythonString('ikvp1jtp')).toBe('"ikvp1jtp"');
  });

  it('escapes quotes, backslashes and every non-printable or non-ASCII character', () => {
    for (const value of HOSTILE) {
      const literal = pythonString(value);
      // Only the two delimiting quotes are unescaped; nothing outside printable ASCII.
      expect(literal).toMatch(/^"(?:[\x20-\x21\x23-\x5b\x5d-\x7e]|\\.)*"$/s);
    }
  });

  // A real Python parses each literal back to the exact original string.
  it('round-trips through Python ast.literal_eval', () => {
    const script = [
      'import ast, json, sys',
      'items = json.loads(sys.stdin.read())',
      // surrogatepass: the lone-surrogate case must come back as the same code unit.
      'out = [ast.literal_eval(x).encode("utf-16-le", "surrogatepass").hex() for x in items]',
      'print(json.dumps(out))',
    ].join('\n');
    const literals = HOSTILE.map(pythonString);
    const decoded = JSON.parse(
      execFileSync(python, ['-c', script], { input: JSON.stringify(literals) }).toString(),
    ) as string[];
    expect(decoded).toEqual(HOSTILE.map((v) => Buffer.from(v, 'utf16le').toString('hex')));
  });
});

describe('connectSnippet', () => {
  it('connects to a Firefly session through the kernel bridge', () => {
    expect(connectSnippet({ id: 'ikvp1jtp', type: 'firefly' })).toBe(
      'import vobridge\n\nfc = vobridge.sessions.firefly("ikvp1jtp")\nfc.get_firefly_url()',
    );
  });

  it('uses the generic opener for other types', () => {
    expect(connectSnippet({ id: 'c1', type: 'carta' })).toContain('session = vobridge.sessions.open("c1")');
  });

  it('cannot be broken out of by a hostile id or type', () => {
    for (const value of HOSTILE) {
      const code = connectSnippet({ id: value, type: value });
      const lines = code.split('\n');
      expect(lines).toHaveLength(4);
      expect(lines[2]).toMatch(/^session = vobridge\.sessions\.open\(".*"\)$/);
    }
  });
});
