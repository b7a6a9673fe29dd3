// Validates every spec in openapi/ with Redocly's OpenAPI linter (the same
// engine as `redocly lint`), and checks the project's own conventions on top:
// an operationId, error responses and examples on every operation.
import { lint, loadConfig } from '@redocly/openapi-core';
import { readdirSync, readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const specDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../openapi');
const configPath = path.join(specDir, 'redocly.yaml');
const specs = readdirSync(specDir).filter((f) => f.endsWith('.yaml') && f !== 'redocly.yaml' && f !== 'common.yaml');

async function lintErrors(file: string): Promise<string[]> {
  const config = await loadConfig({ configPath });
  const problems = await lint({ ref: file, config });
  return problems
    .filter((p) => p.severity === 'error')
    .map((p) => {
      const where = p.location[0];
      const source = where ? path.relative(specDir, where.source.absoluteRef) : path.basename(file);
      return `${source}${where?.pointer ?? ''}: ${p.message} (${p.ruleId})`;
    });
}

const methods = ['get', 'put', 'post', 'delete', 'head', 'patch', 'options'] as const;
type Operation = {
  operationId?: string;
  responses?: Record<string, { content?: Record<string, { example?: unknown; examples?: unknown }> }>;
};

describe('openapi specs', () => {
  test('there is a spec per service', () => {
    expect(specs.sort()).toEqual(['auth.yaml', 'broker.yaml', 'gms.yaml', 'sessions.yaml', 'uws.yaml', 'vospace.yaml']);
  });

  test.each(specs)('%s passes the OpenAPI linter with no error', async (spec) => {
    expect(await lintErrors(path.join(specDir, spec))).toEqual([]);
  });

  test.each(specs)('%s: every operation has an operationId, an error response and an example', (spec) => {
    const doc = YAML.parse(readFileSync(path.join(specDir, spec), 'utf8')) as {
      paths: Record<string, Record<string, Operation>>;
    };
    const missing: string[] = [];
    for (const [route, item] of Object.entries(doc.paths ?? {})) {
      for (const method of methods) {
        const op = item[method];
        if (!op) continue;
        const where = `${method.toUpperCase()} ${route}`;
        if (!op.operationId) missing.push(`${where}: operationId`);
        const codes = Object.keys(op.responses ?? {});
        if (!codes.some((c) => /^[45]/.test(c) || c === 'default')) missing.push(`${where}: error response`);
        const hasExample = Object.values(op.responses ?? {}).some(
          (r) =>
            '$ref' in r ||
            Object.values(r.content ?? {}).some(
              (m) => m.example !== undefined || m.examples !== undefined || '$ref' in m,
            ),
        );
        if (!hasExample && !codes.every((c) => /^(204|3\d\d)$/.test(c) || /^[45]/.test(c)))
          missing.push(`${where}: example`);
      }
    }
    expect(missing).toEqual([]);
  });

  test('a $ref to nothing is reported with the path of the error', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vobridge-spec-'));
    const broken = path.join(dir, 'broken.yaml');
    writeFileSync(
      broken,
      YAML.stringify({
        openapi: '3.1.0',
        info: { title: 'broken', version: '1', license: { name: 'BSD-3-Clause', identifier: 'BSD-3-Clause' } },
        servers: [{ url: '/' }],
        paths: {
          '/x': {
            get: {
              operationId: 'getX',
              summary: 'x',
              responses: {
                '200': {
                  description: 'ok',
                  content: { 'application/json': { schema: { $ref: '#/components/schemas/Nope' } } },
                },
              },
            },
          },
        },
      }),
    );
    const errors = await lintErrors(broken);
    expect(errors.join('\n')).toMatch(
      /broken\.yaml#\/paths\/~1x\/get\/responses\/200\/content\/application~1json\/schema: Can't resolve \$ref/,
    );
  });
});
