// The documents we write must be read unchanged by the published Python
// clients the platform serves: pyvo (UWS), vos (nodes) and cadcutils (VOSI
// capabilities). Runs their real parsers in the project's venv.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serializeCapabilities, serializeJob, serializeJobList, serializeNode, VOS_PROPERTY } from '../../src/index.js';

const python = fileURLToPath(new URL('../../../../.venv/bin/python', import.meta.url));

const script = String.raw`
import json, sys, os
from pyvo.io.uws import parse_job, parse_job_list
from vos.vos import Node
from cadcutils.net.wscapabilities import CapabilitiesReader
d = sys.argv[1]
job = parse_job(os.path.join(d, 'job.xml'))
jobs = parse_job_list(os.path.join(d, 'jobs.xml'))
node = Node(open(os.path.join(d, 'node.xml'), 'rb').read())
caps = CapabilitiesReader().parsexml(open(os.path.join(d, 'caps.xml')).read())
print(json.dumps({
  'job': {'id': job.jobid, 'phase': job.phase, 'owner': job.ownerid, 'results': [r.href for r in job.results],
          'params': {p.id_: p.content for p in job.parameters}},
  'jobs': [[j.jobid, j.phase] for j in jobs],
  'node': {'type': node.type, 'isdir': node.isdir(), 'children': [[c.name, c.type, c.props.get('date'), c.props.get('length')] for c in node.node_list]},
  'caps': {'anon': caps.get_access_url('ivo://ivoa.net/std/VOSpace#nodes-2.1', None),
           'token': caps.get_access_url('ivo://ivoa.net/std/VOSpace#nodes-2.1', ['ivo://ivoa.net/sso#token'])},
}))
`;

test('pyvo, vos and cadcutils read what we write', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vobridge-xml-'));
  try {
    writeFileSync(
      path.join(dir, 'job.xml'),
      serializeJob({
        jobId: 'j1',
        ownerId: 'alice',
        phase: 'COMPLETED',
        startTime: '2026-01-01T00:00:00Z',
        endTime: '2026-01-01T00:00:01Z',
        executionDuration: 60,
        destruction: null,
        parameters: [{ id: 'query', value: 'SELECT 1 < 2' }],
        results: [{ id: 'result', href: 'http://127.0.0.1/jobs/j1/results/result' }],
      }),
    );
    writeFileSync(
      path.join(dir, 'jobs.xml'),
      serializeJobList({ jobs: [{ jobId: 'j1', phase: 'QUEUED', href: 'http://h/j1' }] }),
    );
    writeFileSync(
      path.join(dir, 'node.xml'),
      serializeNode({
        type: 'ContainerNode',
        uri: 'vos://example.org~vault/alice',
        properties: { [VOS_PROPERTY.date]: '2026-01-01T00:00:00.000' },
        nodes: [
          {
            type: 'DataNode',
            uri: 'vos://example.org~vault/alice/f.txt',
            properties: { [VOS_PROPERTY.date]: '2026-01-02T00:00:00.000', [VOS_PROPERTY.length]: '5' },
          },
        ],
      }),
    );
    writeFileSync(
      path.join(dir, 'caps.xml'),
      serializeCapabilities([
        {
          standardID: 'ivo://ivoa.net/std/VOSpace#nodes-2.1',
          interfaces: [
            { accessURL: 'http://127.0.0.1:9/anon/nodes', securityMethods: [] },
            { accessURL: 'http://127.0.0.1:9/auth/nodes', securityMethods: ['ivo://ivoa.net/sso#token'] },
          ],
        },
      ]),
    );
    const out = JSON.parse(execFileSync(python, ['-c', script, dir], { encoding: 'utf8', timeout: 80_000 })) as Record<
      string,
      unknown
    >;
    expect(out).toEqual({
      job: {
        id: 'j1',
        phase: 'COMPLETED',
        owner: 'alice',
        results: ['http://127.0.0.1/jobs/j1/results/result'],
        params: { query: 'SELECT 1 < 2' },
      },
      jobs: [['j1', 'QUEUED']],
      node: {
        type: 'vos:ContainerNode',
        isdir: true,
        children: [['f.txt', 'vos:DataNode', '2026-01-02T00:00:00.000', '5']],
      },
      caps: { anon: 'http://127.0.0.1:9/anon/nodes', token: 'http://127.0.0.1:9/auth/nodes' },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 90_000);
