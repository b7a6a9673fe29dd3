// Fuzzing of every protocol parser of the SDK with fast-check: whatever a
// server sends back, a parser returns a value or throws a typed
// `VobridgeError` (a `ProtocolError` for documents) — never a TypeError, a
// RangeError or a hang (the Jest timeout is the hang guard; nothing here
// measures time). Inputs come in three kinds: arbitrary strings, trees built
// from the protocols' own vocabulary (so the parsers get past the XML layer
// into their field handling), and valid documents cut and spliced at random.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  EXECUTION_PHASES,
  VobridgeError,
  parseCapabilities,
  parseChallenges,
  parseJob,
  parseJobList,
  parseNode,
  parseTransfer,
  serializeCapabilities,
  serializeJob,
  serializeJobList,
  serializeNode,
  serializeTransfer,
  type Node,
} from '@vobridge/sdk';
import { runs } from './support/budget.js';

const UWS = 'http://www.ivoa.net/xml/UWS/v1.0';
const VOS = 'http://www.ivoa.net/xml/VOSpace/v2.0';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const XLINK = 'http://www.w3.org/1999/xlink';
const VOSI = 'http://www.ivoa.net/xml/VOSICapabilities/v1.0';

/** Calls `parse`; a non-typed exception fails the property with that exception. */
function typedOrValue<T>(parse: () => T): T | VobridgeError {
  try {
    return parse();
  } catch (error) {
    if (error instanceof VobridgeError) return error;
    throw error;
  }
}

// ---- Inputs ---------------------------------------------------------------

const anyText = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
);

const NAMES = [
  'uws:job',
  'uws:jobs',
  'uws:jobref',
  'uws:jobId',
  'uws:runId',
  'uws:ownerId',
  'uws:phase',
  'uws:quote',
  'uws:creationTime',
  'uws:startTime',
  'uws:endTime',
  'uws:executionDuration',
  'uws:destruction',
  'uws:parameters',
  'uws:parameter',
  'uws:results',
  'uws:result',
  'uws:errorSummary',
  'uws:message',
  'uws:jobInfo',
  'vos:node',
  'vos:nodes',
  'vos:properties',
  'vos:property',
  'vos:accepts',
  'vos:provides',
  'vos:view',
  'vos:transfer',
  'vos:target',
  'vos:direction',
  'vos:protocol',
  'vos:endpoint',
  'vos:securityMethod',
  'vos:param',
  'vos:keepBytes',
  'vos:busy',
  'vosi:capabilities',
  'capabilities',
  'capability',
  'interface',
  'accessURL',
  'securityMethod',
  'job',
  'node',
  'x:y',
  'a',
];
const ATTRS = [
  'id',
  'uri',
  'xsi:type',
  'xsi:nil',
  'xlink:href',
  'href',
  'standardID',
  'version',
  'busy',
  'use',
  'role',
  'size',
  'mime-type',
  'byReference',
  'isPost',
  'hasDetail',
  'type',
  'target',
  'readOnly',
];
const VALUES = fc.oneof(
  fc.constantFrom(
    ...EXECUTION_PHASES,
    'vos:ContainerNode',
    'vos:DataNode',
    'vos:LinkNode',
    'vs:ParamHTTP',
    'true',
    'false',
    '1',
    '-1',
    'NaN',
    '1e309',
    'vos://example!vospace/a/b',
    'ivo://ivoa.net/sso#token',
    'pushToVoSpace',
    'pullFromVoSpace',
    'ivo://ivoa.net/vospace/core#httpget',
    '',
    ' ',
    '&amp;',
    '&lt;',
    '&#0;',
    '&#x1F600;',
    '&undefined;',
    ']]>',
  ),
  fc.string({ maxLength: 40 }),
);
const DECLS = [
  `xmlns:uws="${UWS}"`,
  `xmlns:vos="${VOS}"`,
  `xmlns:xsi="${XSI}"`,
  `xmlns:xlink="${XLINK}"`,
  `xmlns:vosi="${VOSI}"`,
  `xmlns="${UWS}"`,
  `xmlns="${VOS}"`,
  `xmlns:x="urn:x"`,
];

interface Tree {
  name: string;
  attrs: [string, string][];
  children: (Tree | string)[];
}

const tree = fc.letrec<{ tree: Tree; child: Tree | string }>((tie) => ({
  tree: fc.record({
    name: fc.constantFrom(...NAMES),
    attrs: fc.array(fc.tuple(fc.constantFrom(...ATTRS), VALUES), { maxLength: 3 }),
    children: fc.array(tie('child'), { maxLength: 4 }),
  }),
  child: fc.oneof({ depthSize: 'small', withCrossShrink: true }, VALUES, tie('tree')),
})).tree;

/** Writes a tree; text and attribute values go out unescaped on purpose, so some trees are not well-formed. */
function render(t: Tree | string, decls = ''): string {
  if (typeof t === 'string') return t;
  const attrs = t.attrs.map(([k, v]) => ` ${k}="${v.replace(/"/g, '&quot;')}"`).join('');
  return `<${t.name}${decls}${attrs}>${t.children.map((c) => render(c)).join('')}</${t.name}>`;
}

const vocabularyDocument = fc
  .tuple(tree, fc.subarray(DECLS), fc.boolean())
  .map(
    ([t, decls, prolog]) =>
      `${prolog ? '<?xml version="1.0" encoding="UTF-8"?>\n' : ''}${render(t, decls.map((d) => ` ${d}`).join(''))}`,
  );

/** Valid documents of every kind, from the SDK's own writers. */
const SEEDS = {
  job: serializeJob({
    jobId: 'j1',
    runId: 'r',
    ownerId: 'alice',
    phase: 'COMPLETED',
    quote: null,
    creationTime: '2026-01-01T00:00:00Z',
    startTime: '2026-01-01T00:00:01Z',
    endTime: '2026-01-01T00:00:02Z',
    executionDuration: 60,
    destruction: null,
    parameters: [
      { id: 'RA', value: '10.5' },
      { id: 'QUERY', value: 'SELECT * FROM t WHERE a < 1 & b > 2', isPost: true },
    ],
    results: [{ id: 'result', href: 'http://127.0.0.1:1/uws/j1/results/result', size: 42, mimeType: 'text/plain' }],
    errorSummary: { type: 'fatal', hasDetail: true, message: 'boom' },
  }),
  jobList: serializeJobList({
    jobs: [
      { jobId: 'a', phase: 'EXECUTING', href: 'http://h/a' },
      { jobId: 'b', phase: 'ERROR', ownerId: null },
    ],
  }),
  node: serializeNode({
    type: 'ContainerNode',
    uri: 'vos://vobridge.org~vault/alice',
    properties: { 'ivo://ivoa.net/vospace/core#date': '2026-01-01T00:00:00Z' },
    nodes: [
      {
        type: 'DataNode',
        uri: 'vos://vobridge.org~vault/alice/f.fits',
        properties: { 'ivo://ivoa.net/vospace/core#length': '10', 'ivo://ivoa.net/vospace/core#MD5': null },
        busy: false,
      },
      {
        type: 'LinkNode',
        uri: 'vos://vobridge.org~vault/alice/l',
        properties: {},
        target: 'vos://vobridge.org~vault/alice/f.fits',
      },
    ],
  } satisfies Node),
  transfer: serializeTransfer({
    target: 'vos://vobridge.org~vault/alice/f.fits',
    direction: 'pullFromVoSpace',
    protocols: [
      {
        uri: 'ivo://ivoa.net/vospace/core#httpget',
        endpoint: 'http://127.0.0.1:1/x',
        securityMethods: ['ivo://ivoa.net/sso#token'],
      },
    ],
    keepBytes: true,
    params: [{ uri: 'ivo://x', value: 'y' }],
  }),
  capabilities: serializeCapabilities([
    {
      standardID: 'ivo://ivoa.net/std/VOSI#capabilities',
      interfaces: [{ accessURL: 'http://h/capabilities', securityMethods: [] }],
    },
    {
      standardID: 'ivo://ivoa.net/std/VOSpace/v2.0#nodes',
      interfaces: [
        {
          accessURL: 'http://h/nodes',
          use: 'base',
          type: 'vs:ParamHTTP',
          securityMethods: ['ivo://ivoa.net/sso#token', 'ivo://ivoa.net/sso#cookie'],
        },
      ],
    },
  ]),
};

/** A valid document cut, spliced or stuttered at random places. */
function mutated(seed: string): fc.Arbitrary<string> {
  const at = fc.nat({ max: seed.length });
  return fc.oneof(
    at.map((i) => seed.slice(0, i)),
    fc.tuple(at, VALUES).map(([i, s]) => seed.slice(0, i) + s + seed.slice(i)),
    fc.tuple(at, at).map(([i, j]) => seed.slice(0, Math.min(i, j)) + seed.slice(Math.max(i, j))),
    fc.tuple(at, at).map(([i, j]) => seed.slice(0, Math.max(i, j)) + seed.slice(Math.min(i, j))),
    fc
      .tuple(at, fc.constantFrom('<', '>', '&', '"', "'", '\u0000', '\uFFFE', '\uD800', ':', '/', '<!--', '<![CDATA['))
      .map(([i, c]) => seed.slice(0, i) + c + seed.slice(i)),
  );
}

function documents(seed: string): fc.Arbitrary<string> {
  return fc.oneof(anyText, vocabularyDocument, mutated(seed), mutated(SEEDS.job), mutated(SEEDS.node));
}

// ---- Properties -------------------------------------------------------------

const PARSERS = [
  {
    name: 'parseJob',
    parse: parseJob,
    seed: SEEDS.job,
    check: (job: ReturnType<typeof parseJob>) => EXECUTION_PHASES.includes(job.phase),
  },
  {
    name: 'parseJobList',
    parse: parseJobList,
    seed: SEEDS.jobList,
    check: (list: ReturnType<typeof parseJobList>) => list.jobs.every((j) => EXECUTION_PHASES.includes(j.phase)),
  },
  {
    name: 'parseNode',
    parse: parseNode,
    seed: SEEDS.node,
    check: (node: ReturnType<typeof parseNode>) => typeof node.uri === 'string',
  },
  {
    name: 'parseTransfer',
    parse: parseTransfer,
    seed: SEEDS.transfer,
    check: (t: ReturnType<typeof parseTransfer>) => typeof t.target === 'string' && Array.isArray(t.protocols),
  },
  {
    name: 'parseCapabilities',
    parse: parseCapabilities,
    seed: SEEDS.capabilities,
    check: (caps: ReturnType<typeof parseCapabilities>) => caps.every((c) => typeof c.standardID === 'string'),
  },
] as const;

describe('XML protocol parsers under fuzzing', () => {
  it.each(PARSERS.map((p) => [p.name, p] as const))('%s reads its own valid seed document', (_name, p) => {
    const parsed = (p.parse as (xml: string) => unknown)(p.seed);
    expect((p.check as (v: unknown) => boolean)(parsed)).toBe(true);
  });

  it.each(PARSERS.map((p) => [p.name, p] as const))(
    '%s returns a well-formed value or a typed error for any input',
    (_name, p) => {
      fc.assert(
        fc.property(documents(p.seed), (xml) => {
          const outcome = typedOrValue(() => (p.parse as (xml: string) => unknown)(xml));
          if (outcome instanceof VobridgeError) {
            expect(outcome.code).toBe('ERR_PROTOCOL');
            return;
          }
          expect((p.check as (v: unknown) => boolean)(outcome)).toBe(true);
        }),
        { numRuns: runs(400) },
      );
    },
  );

  const hostile: [string, string][] = [
    [
      'an external entity (XXE)',
      `<?xml version="1.0"?><!DOCTYPE j [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><uws:job xmlns:uws="${UWS}"><uws:jobId>&xxe;</uws:jobId><uws:phase>COMPLETED</uws:phase></uws:job>`,
    ],
    [
      'nested entities (billion laughs)',
      `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><uws:job xmlns:uws="${UWS}"><uws:jobId>&c;</uws:jobId><uws:phase>COMPLETED</uws:phase></uws:job>`,
    ],
    [
      'a megabyte attribute',
      `<uws:job xmlns:uws="${UWS}" version="${'v'.repeat(1 << 20)}"><uws:jobId>j</uws:jobId><uws:phase>COMPLETED</uws:phase></uws:job>`,
    ],
    [
      'ten thousand children',
      `<uws:jobs xmlns:uws="${UWS}">${'<uws:jobref id="x"><uws:phase>PENDING</uws:phase></uws:jobref>'.repeat(10_000)}</uws:jobs>`,
    ],
    [
      'a BOM and a UTF-16 declaration',
      `\uFEFF<?xml version="1.0" encoding="UTF-16"?><uws:job xmlns:uws="${UWS}"><uws:jobId>j</uws:jobId><uws:phase>COMPLETED</uws:phase></uws:job>`,
    ],
    [
      'an unknown phase',
      `<uws:job xmlns:uws="${UWS}"><uws:jobId>j</uws:jobId><uws:phase>__proto__</uws:phase></uws:job>`,
    ],
    [
      'prototype-polluting names',
      `<uws:job xmlns:uws="${UWS}" __proto__="x" constructor="y"><uws:jobId>j</uws:jobId><uws:phase>COMPLETED</uws:phase><uws:parameters><uws:parameter id="__proto__">1</uws:parameter></uws:parameters></uws:job>`,
    ],
    // Once both a stack overflow and a quadratic slowdown in namespace resolution (SECURITY.md).
    [
      'nesting 100 000 levels deep',
      `<uws:job xmlns:uws="${UWS}"><uws:jobId>${'<a>'.repeat(100_000)}j${'</a>'.repeat(100_000)}</uws:jobId><uws:phase>COMPLETED</uws:phase></uws:job>`,
    ],
    [
      'nested nodes 50 000 levels deep',
      `<vos:node xmlns:vos="${VOS}" xmlns:xsi="${XSI}" xsi:type="vos:ContainerNode" uri="vos://a~vault/x"><vos:nodes>${'<vos:node uri="vos://a~vault/x" xsi:type="vos:ContainerNode"><vos:nodes>'.repeat(50_000)}${'</vos:nodes></vos:node>'.repeat(50_000)}</vos:nodes></vos:node>`,
    ],
  ];

  it.each(hostile)('survives %s without reading files, expanding entities or crashing', (_what, xml) => {
    for (const p of PARSERS) {
      const outcome = typedOrValue(() => (p.parse as (xml: string) => unknown)(xml));
      const text = outcome instanceof VobridgeError ? outcome.message : JSON.stringify(outcome);
      expect(text).not.toMatch(/root:x:0:0/);
      expect(text.length).toBeLessThan(4 << 20);
      expect(Object.prototype).not.toHaveProperty('x');
    }
  });
});

describe('parseChallenges under fuzzing', () => {
  const scheme = /^[a-z0-9!#$%&'*+\-.^_`|~]+$/;
  const headerText = fc.oneof(
    anyText,
    fc.string({
      unit: fc.constantFrom(
        'ivoa_bearer',
        'Bearer',
        ' ',
        ',',
        '=',
        '"',
        '\\',
        '\t',
        '\r\n',
        'standard_id',
        'access_url',
        'a',
        '==',
      ),
      maxLength: 60,
    }),
  );

  it('never throws, whatever the header values, and returns well-formed challenges', () => {
    fc.assert(
      fc.property(
        fc.oneof(headerText, fc.array(headerText, { maxLength: 5 }), fc.constantFrom(null, undefined)),
        (input) => {
          const challenges = parseChallenges(input);
          expect(Array.isArray(challenges)).toBe(true);
          for (const c of challenges) {
            expect(c.scheme).toMatch(scheme);
            for (const name of Object.keys(c.params)) expect(name).toBe(name.toLowerCase());
          }
        },
      ),
      { numRuns: runs(2000) },
    );
  });

  it('reads a megabyte of adversarial header in one pass (no backtracking hang)', () => {
    for (const header of [
      'a '.repeat(1 << 19),
      '"'.repeat(1 << 20),
      `Bearer realm="${'\\"'.repeat(1 << 18)}`,
      'x=,'.repeat(1 << 18),
      ','.repeat(1 << 20),
    ]) {
      expect(Array.isArray(parseChallenges(header))).toBe(true);
    }
  });
});
