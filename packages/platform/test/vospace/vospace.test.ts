import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseJob, parseNode, parseTransfer, serializeTransfer, type ContainerNode } from '@vobridge/sdk';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

let platform: TestPlatform;
let alice: string;
let bob: string;
const authority = 'vobridge.org~vault';

beforeAll(async () => {
  platform = await startTestPlatform();
  alice = await platform.login('alice');
  bob = await platform.login('bob');
});
afterAll(() => platform.dispose());

const auth = (token = alice): Record<string, string> => ({ authorization: `Bearer ${token}` });
const md5 = (data: string | Buffer): string => createHash('md5').update(data).digest('hex');
const digest = (data: string | Buffer): string => `md5=${createHash('md5').update(data).digest('base64')}`;
const uri = (path: string): string => `vos://${authority}${path}`;
const nodes = (path: string): string => `${platform.url}/vospace/nodes${path}`;
const data = (path: string): string => `${platform.url}/vospace/data${path}`;

function nodeDoc(path: string, type: 'ContainerNode' | 'DataNode', props: Record<string, string> = {}): string {
  const properties = Object.entries(props)
    .map(([k, v]) => `<vos:property uri="${k}">${v}</vos:property>`)
    .join('');
  return `<vos:node xmlns:vos="http://www.ivoa.net/xml/VOSpace/v2.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" uri="${uri(path)}" xsi:type="vos:${type}"><vos:properties>${properties}</vos:properties></vos:node>`;
}

async function mkdirNode(path: string, token = alice): Promise<Response> {
  return fetch(nodes(path), {
    method: 'PUT',
    headers: { ...auth(token), 'content-type': 'text/xml' },
    body: nodeDoc(path, 'ContainerNode'),
  });
}

async function upload(
  path: string,
  body: string | Uint8Array,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(data(path), {
    method: 'PUT',
    headers: { ...auth(), ...headers },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
}

/** A request with a path exactly as given: fetch would normalise `..` and `%2e%2e` away. */
function rawGet(path: string, token = alice): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(platform.url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, headers: auth(token) }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('VOSpace nodes', () => {
  test('a user home is a container with date, length and creator properties and no Server header', async () => {
    const res = await fetch(nodes('/alice'), { headers: auth() });
    expect(res.status).toBe(200);
    expect(res.headers.get('server')).toBeNull();
    const text = await res.text();
    expect(text).toContain('xsi:type="vos:ContainerNode"');
    const node = parseNode(text);
    expect(node.uri).toBe(uri('/alice'));
    expect(node.properties['ivo://ivoa.net/vospace/core#date']).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(node.properties['ivo://ivoa.net/vospace/core#creator']).toBe('alice');
  });

  test('PUT creates a container once; a second PUT is 409 DuplicateNode; a missing parent is 404', async () => {
    expect((await mkdirNode('/alice/proj')).status).toBe(201);
    const again = await mkdirNode('/alice/proj');
    expect(again.status).toBe(409);
    expect(await again.text()).toMatch(/^DuplicateNode/);
    const orphan = await mkdirNode('/alice/none/deeper');
    expect(orphan.status).toBe(404);
    expect(await orphan.text()).toMatch(/^ContainerNotFound/);
    const mismatch = await fetch(nodes('/alice/other'), {
      method: 'PUT',
      headers: auth(),
      body: nodeDoc('/alice/proj2', 'ContainerNode'),
    });
    expect(mismatch.status).toBe(400);
  });

  test('uploads compute MD5 and length while streaming; the data endpoint answers digest and ranges', async () => {
    await mkdirNode('/alice/up');
    const content = 'hello VOSpace, these are the bytes\n';
    const put = await upload('/alice/up/hello.txt', content, { digest: digest(content) });
    expect(put.status).toBe(201);
    expect(put.headers.get('digest')).toBe(digest(content));

    const node = parseNode(await (await fetch(nodes('/alice/up/hello.txt'), { headers: auth() })).text());
    expect(node.type).toBe('DataNode');
    expect(node.properties['ivo://ivoa.net/vospace/core#MD5']).toBe(md5(content));
    expect(node.properties['ivo://ivoa.net/vospace/core#length']).toBe(String(content.length));

    const get = await fetch(data('/alice/up/hello.txt'), { headers: auth() });
    expect(get.status).toBe(200);
    expect(get.headers.get('digest')).toBe(digest(content));
    expect(get.headers.get('accept-ranges')).toBe('bytes');
    expect(await get.text()).toBe(content);

    const part = await fetch(data('/alice/up/hello.txt'), { headers: { ...auth(), range: 'bytes=6-12' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 6-12/${content.length}`);
    expect(await part.text()).toBe(content.slice(6, 13));

    const tail = await fetch(data('/alice/up/hello.txt'), { headers: { ...auth(), range: 'bytes=-6' } });
    expect(await tail.text()).toBe(content.slice(-6));

    const outside = await fetch(data('/alice/up/hello.txt'), { headers: { ...auth(), range: 'bytes=1000-' } });
    expect(outside.status).toBe(416);
    expect(outside.headers.get('content-range')).toBe(`bytes */${content.length}`);

    const head = await fetch(data('/alice/up/hello.txt'), { method: 'HEAD', headers: auth() });
    expect(head.headers.get('content-length')).toBe(String(content.length));
    expect(head.headers.get('content-md5')).toBe(md5(content));
  });

  test('an upload whose digest does not match is refused with 412 and leaves the old content', async () => {
    await mkdirNode('/alice/safe');
    await upload('/alice/safe/f.txt', 'original');
    const bad = await upload('/alice/safe/f.txt', 'tampered', { digest: digest('something else') });
    expect(bad.status).toBe(412);
    expect(await (await fetch(data('/alice/safe/f.txt'), { headers: auth() })).text()).toBe('original');
    const replaced = await upload('/alice/safe/f.txt', 'replaced', { digest: digest('replaced') });
    expect(replaced.status).toBe(200);
    // Nothing half-written is left in the user's tree or the upload area.
    expect(await readdir(join(platform.dataDir, 'vospace', 'alice', 'safe'))).toEqual(['f.txt']);
    expect(await readdir(join(platform.dataDir, 'vospace-state', 'uploads'))).toEqual([]);
  });

  test('an interrupted upload leaves no file behind', async () => {
    await mkdirNode('/alice/cut');
    const { hostname, port } = new URL(platform.url);
    await new Promise<void>((resolve) => {
      const req = request({
        hostname,
        port,
        method: 'PUT',
        path: '/vospace/data/alice/cut/partial.bin',
        headers: { ...auth(), 'content-length': '1000000' },
      });
      req.on('error', () => resolve());
      req.write(Buffer.alloc(1000, 1), () => {
        // Give the server the first bytes, then drop the connection mid-body.
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 50);
      });
    });
    let listing: string[] = ['?'];
    for (let i = 0; i < 50 && listing.length > 0; i++) {
      listing = [
        ...(await readdir(join(platform.dataDir, 'vospace', 'alice', 'cut'))),
        ...(await readdir(join(platform.dataDir, 'vospace-state', 'uploads'))),
      ];
      if (listing.length > 0) await new Promise((r) => setTimeout(r, 20));
    }
    expect(listing).toEqual([]);
    expect((await fetch(nodes('/alice/cut/partial.bin'), { headers: auth() })).status).toBe(404);
  });

  test('containers page with limit and uri (inclusive), limit=0 lists no children', async () => {
    await mkdirNode('/alice/page');
    for (const name of ['a', 'b', 'c', 'd', 'e']) await upload(`/alice/page/${name}`, name);
    const first = parseNode(
      await (await fetch(`${nodes('/alice/page')}?limit=2`, { headers: auth() })).text(),
    ) as ContainerNode;
    expect(first.nodes.map((n) => n.uri)).toEqual([uri('/alice/page/a'), uri('/alice/page/b')]);
    const next = parseNode(
      await (
        await fetch(`${nodes('/alice/page')}?limit=2&uri=${encodeURIComponent(uri('/alice/page/b'))}`, {
          headers: auth(),
        })
      ).text(),
    ) as ContainerNode;
    expect(next.nodes.map((n) => n.uri)).toEqual([uri('/alice/page/b'), uri('/alice/page/c')]);
    const none = parseNode(
      await (await fetch(`${nodes('/alice/page')}?limit=0`, { headers: auth() })).text(),
    ) as ContainerNode;
    expect(none.nodes).toEqual([]);
    for (const child of (
      parseNode(await (await fetch(nodes('/alice/page'), { headers: auth() })).text()) as ContainerNode
    ).nodes) {
      expect(child.properties['ivo://ivoa.net/vospace/core#date']).toBeDefined();
    }
  });

  test("detail=min drops properties, detail=properties keeps only the container's", async () => {
    await mkdirNode('/alice/detail');
    await upload('/alice/detail/x', 'x');
    const min = parseNode(
      await (await fetch(`${nodes('/alice/detail')}?detail=min`, { headers: auth() })).text(),
    ) as ContainerNode;
    expect(min.properties).toEqual({});
    expect(min.nodes[0]?.properties).toEqual({});
    const props = parseNode(
      await (await fetch(`${nodes('/alice/detail')}?detail=properties`, { headers: auth() })).text(),
    ) as ContainerNode;
    expect(props.properties['ivo://ivoa.net/vospace/core#date']).toBeDefined();
    expect(props.nodes[0]?.properties).toEqual({});
    expect((await fetch(`${nodes('/alice/detail')}?detail=all`, { headers: auth() })).status).toBe(400);
  });

  test('sorted pages: by length, descending, paged from a child', async () => {
    await mkdirNode('/alice/sorted');
    for (const [name, size] of [
      ['small', 1],
      ['large', 30],
      ['medium', 10],
    ] as const) {
      await upload(`/alice/sorted/${name}`, 'x'.repeat(size));
    }
    const byLength = encodeURIComponent('ivo://ivoa.net/vospace/core#length');
    const names = async (query: string): Promise<string[]> =>
      (
        parseNode(
          await (await fetch(`${nodes('/alice/sorted')}?${query}`, { headers: auth() })).text(),
        ) as ContainerNode
      ).nodes.map((n) => n.uri.split('/').pop() ?? '');
    expect(await names(`sort=${byLength}`)).toEqual(['small', 'medium', 'large']);
    expect(await names(`sort=${byLength}&order=desc&limit=2`)).toEqual(['large', 'medium']);
    const next = encodeURIComponent(uri('/alice/sorted/medium'));
    expect(await names(`sort=${byLength}&order=desc&limit=2&uri=${next}`)).toEqual(['medium', 'small']);
    expect(await names('order=desc')).toEqual(['small', 'medium', 'large']);
  });

  test('properties can be set and removed; core properties stay read-only', async () => {
    await mkdirNode('/alice/props');
    await upload('/alice/props/x', 'x');
    const set = await fetch(nodes('/alice/props/x'), {
      method: 'POST',
      headers: auth(),
      body: nodeDoc('/alice/props/x', 'DataNode', {
        'ivo://ivoa.net/vospace/core#description': 'a file',
        'ivo://ivoa.net/vospace/core#MD5': 'forged',
      }),
    });
    expect(set.status).toBe(200);
    const node = parseNode(await set.text());
    expect(node.properties['ivo://ivoa.net/vospace/core#description']).toBe('a file');
    expect(node.properties['ivo://ivoa.net/vospace/core#MD5']).toBe(md5('x'));
  });

  test('DELETE removes data nodes and empty containers; non-empty containers are 409', async () => {
    await mkdirNode('/alice/del');
    await upload('/alice/del/x', 'x');
    expect((await fetch(nodes('/alice/del'), { method: 'DELETE', headers: auth() })).status).toBe(409);
    expect((await fetch(nodes('/alice/del/x'), { method: 'DELETE', headers: auth() })).status).toBe(204);
    expect((await fetch(nodes('/alice/del'), { method: 'DELETE', headers: auth() })).status).toBe(204);
    expect((await fetch(nodes('/alice/del'), { headers: auth() })).status).toBe(404);
    expect((await fetch(nodes('/alice'), { method: 'DELETE', headers: auth() })).status).toBe(403);
  });
});

describe('VOSpace link nodes', () => {
  const linkDoc = (path: string, target: string): string =>
    `<vos:node xmlns:vos="http://www.ivoa.net/xml/VOSpace/v2.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" uri="${uri(path)}" xsi:type="vos:LinkNode"><vos:properties/><vos:target>${target}</vos:target></vos:node>`;
  const putLink = (path: string, target: string): Promise<Response> =>
    fetch(nodes(path), { method: 'PUT', headers: auth(), body: linkDoc(path, target) });

  test('a link to a data node lists as a LinkNode and serves the target bytes', async () => {
    await mkdirNode('/alice/ln');
    await upload('/alice/ln/real.txt', 'the real bytes');
    expect((await putLink('/alice/ln/alias', uri('/alice/ln/real.txt'))).status).toBe(201);
    const node = parseNode(await (await fetch(nodes('/alice/ln/alias'), { headers: auth() })).text());
    expect(node.type).toBe('LinkNode');
    expect(node.type === 'LinkNode' && node.target).toBe(uri('/alice/ln/real.txt'));
    expect(await (await fetch(data('/alice/ln/alias'), { headers: auth() })).text()).toBe('the real bytes');
    const files = await fetch(`${platform.url}/vospace/files/alice/ln/alias`, { headers: auth(), redirect: 'manual' });
    expect(files.status).toBe(303);
    expect(files.headers.get('location')).toBe(data('/alice/ln/real.txt'));
    // A link is not overwritten by an upload; deleting it leaves the target alone.
    expect((await upload('/alice/ln/alias', 'overwrite')).status).toBe(400);
    expect((await fetch(nodes('/alice/ln/alias'), { method: 'DELETE', headers: auth() })).status).toBe(204);
    expect(await (await fetch(data('/alice/ln/real.txt'), { headers: auth() })).text()).toBe('the real bytes');
  });

  test('link loops, links out of the space and bad targets are refused', async () => {
    await mkdirNode('/alice/loop');
    await putLink('/alice/loop/a', uri('/alice/loop/b'));
    await putLink('/alice/loop/b', uri('/alice/loop/a'));
    const loop = await fetch(data('/alice/loop/a'), { headers: auth() });
    expect(loop.status).toBe(400);
    expect(await loop.text()).toMatch(/^LinkFoundFault/);
    await putLink('/alice/loop/web', 'https://example.org/file.fits');
    expect((await fetch(data('/alice/loop/web'), { headers: auth() })).status).toBe(400);
    await putLink('/alice/loop/bobs', 'vos://vobridge.org~vault/bob/x');
    expect((await fetch(data('/alice/loop/bobs'), { headers: auth() })).status).toBe(404);
    expect((await putLink('/alice/loop/bad', 'javascript:alert(1)')).status).toBe(400);
    expect((await putLink('/alice/loop/trav', 'vos://vobridge.org~vault/alice/../bob')).status).toBe(400);
  });
});

describe('VOSpace security', () => {
  test.each([
    '/vospace/nodes/alice/../bob',
    '/vospace/nodes/alice/%2e%2e/bob',
    '/vospace/nodes/alice/%2E%2E/%2E%2E/etc',
    '/vospace/nodes/alice%2f..%2fbob',
    '/vospace/nodes/alice/x%00y',
    '/vospace/nodes/alice//x',
    '/vospace/data/alice/..%2f..%2fusers.json',
    '/vospace/nodes/alice/%zz',
  ])('path traversal and malformed paths are refused: %s', async (path) => {
    const res = await rawGet(path);
    expect(res.status).toBe(400);
    expect(res.body).toMatch(/^InvalidURI/);
  });

  test("another user's nodes are invisible and untouchable", async () => {
    await mkdirNode('/alice/private');
    await upload('/alice/private/secret.txt', 'secret');
    expect((await fetch(nodes('/alice/private'), { headers: auth(bob) })).status).toBe(404);
    expect((await fetch(data('/alice/private/secret.txt'), { headers: auth(bob) })).status).toBe(404);
    expect(
      (await fetch(data('/alice/private/secret.txt'), { method: 'PUT', headers: auth(bob), body: 'overwrite' })).status,
    ).toBe(404);
    expect((await fetch(nodes('/alice/private/secret.txt'), { method: 'DELETE', headers: auth(bob) })).status).toBe(
      404,
    );
    expect((await mkdirNode('/alice/private/bobs', bob)).status).toBe(404);
    const root = parseNode(await (await fetch(nodes(''), { headers: auth(bob) })).text()) as ContainerNode;
    expect(root.nodes.map((n) => n.uri)).toEqual([uri('/bob')]);
    expect(await (await fetch(data('/alice/private/secret.txt'), { headers: auth() })).text()).toBe('secret');
  });

  test('symbolic links planted in the tree are never followed', async () => {
    const outside = join(platform.dataDir, 'outside');
    await mkdir(outside, { recursive: true });
    await writeFile(join(outside, 'target.txt'), 'outside the root');
    await mkdirNode('/alice/links');
    await symlink(outside, join(platform.dataDir, 'vospace', 'alice', 'links', 'escape'));
    await symlink(join(outside, 'target.txt'), join(platform.dataDir, 'vospace', 'alice', 'links', 'file'));
    expect((await fetch(data('/alice/links/escape/target.txt'), { headers: auth() })).status).toBe(403);
    expect((await fetch(data('/alice/links/file'), { headers: auth() })).status).toBe(403);
    expect(
      (await fetch(data('/alice/links/escape/new.txt'), { method: 'PUT', headers: auth(), body: 'x' })).status,
    ).toBe(403);
    expect(await readFile(join(outside, 'target.txt'), 'utf8')).toBe('outside the root');
    const listing = parseNode(await (await fetch(nodes('/alice/links'), { headers: auth() })).text()) as ContainerNode;
    expect(listing.nodes).toEqual([]);
  });

  test('forged, expired and wrong-audience tokens are refused', async () => {
    const forged = `${alice.slice(0, -4)}AAAA`;
    expect((await fetch(nodes('/alice'), { headers: auth(forged) })).status).toBe(401);
    const expired = await platform.context.tokens.issue({ username: 'alice', ttlSeconds: -10 });
    expect((await fetch(nodes('/alice'), { headers: auth(expired.token) })).status).toBe(401);
    const gmsOnly = await platform.context.tokens.issue({ username: 'alice', audience: `${platform.url}/gms` });
    expect((await fetch(nodes('/alice'), { headers: auth(gmsOnly.token) })).status).toBe(401);
    const vospaceOnly = await platform.context.tokens.issue({ username: 'alice', audience: `${platform.url}/vospace` });
    expect((await fetch(nodes('/alice'), { headers: auth(vospaceOnly.token) })).status).toBe(200);
    expect((await fetch(`${platform.url}/uws/sleep`, { headers: auth(vospaceOnly.token) })).status).toBe(401);
  });

  test('anonymous requests get 401 with challenges; capabilities stay anonymous', async () => {
    const res = await fetch(nodes('/alice'));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/ivoa_bearer/);
    const caps = await fetch(`${platform.url}/vospace/capabilities`);
    expect(caps.status).toBe(200);
    const text = await caps.text();
    for (const id of ['#nodes', '#sync-2.1', '#transfers', '#files-proto']) expect(text).toContain(id);
  });
});

describe('VOSpace transfers', () => {
  const transferDoc = (target: string, direction: string, protocol?: string, keepBytes?: boolean): string =>
    serializeTransfer({
      target: uri(target),
      direction: direction.startsWith('/') ? uri(direction) : direction,
      protocols: protocol ? [{ uri: protocol, securityMethods: ['ivo://ivoa.net/sso#token'] }, { uri: protocol }] : [],
      ...(keepBytes === undefined ? {} : { keepBytes }),
    });

  test('a sync push negotiates an endpoint, the upload goes there, a sync pull gets it back', async () => {
    await mkdirNode('/alice/sync');
    const push = await fetch(`${platform.url}/vospace/synctrans`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'text/xml' },
      body: transferDoc('/alice/sync/f.bin', 'pushToVoSpace', 'ivo://ivoa.net/vospace/core#httpsput'),
      redirect: 'manual',
    });
    expect(push.status).toBe(303);
    const detailsUrl = push.headers.get('location') ?? '';
    expect(detailsUrl).toMatch(/\/vospace\/transfers\/[0-9a-f]+\/results\/transferDetails$/);
    const details = parseTransfer(await (await fetch(detailsUrl, { headers: auth() })).text());
    expect(details.protocols).toHaveLength(2);
    const endpoint = details.protocols[0]?.endpoint ?? '';
    expect(endpoint).toBe(data('/alice/sync/f.bin'));
    const jobUrl = detailsUrl.replace(/\/results\/transferDetails$/, '');
    expect(await (await fetch(`${jobUrl}/phase`, { headers: auth() })).text()).toBe('COMPLETED');

    const bytes = Buffer.from('binary \u0000 content');
    expect((await fetch(endpoint, { method: 'PUT', headers: auth(), body: new Uint8Array(bytes) })).status).toBe(201);

    const pull = await fetch(`${platform.url}/vospace/synctrans`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'text/xml' },
      body: transferDoc('/alice/sync/f.bin', 'pullFromVoSpace', 'ivo://ivoa.net/vospace/core#httpsget'),
      redirect: 'manual',
    });
    const pulled = parseTransfer(await (await fetch(pull.headers.get('location') ?? '', { headers: auth() })).text());
    expect(
      Buffer.from(await (await fetch(pulled.protocols[0]?.endpoint ?? '', { headers: auth() })).arrayBuffer()),
    ).toEqual(bytes);

    const redirect = await fetch(
      `${platform.url}/vospace/synctrans?TARGET=${encodeURIComponent(uri('/alice/sync/f.bin'))}&DIRECTION=pullFromVoSpace&PROTOCOL=${encodeURIComponent('ivo://ivoa.net/vospace/core#httpget')}`,
      { headers: auth(), redirect: 'manual' },
    );
    expect(redirect.status).toBe(303);
    expect(redirect.headers.get('location')).toBe(data('/alice/sync/f.bin'));
  });

  test('a sync pull of a missing node ends the transfer job in ERROR with NodeNotFound', async () => {
    const pull = await fetch(`${platform.url}/vospace/synctrans`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'text/xml' },
      body: transferDoc('/alice/missing.bin', 'pullFromVoSpace', 'ivo://ivoa.net/vospace/core#httpsget'),
      redirect: 'manual',
    });
    const jobUrl = (pull.headers.get('location') ?? '').replace(/\/results\/transferDetails$/, '');
    expect(await (await fetch(`${jobUrl}/phase`, { headers: auth() })).text()).toBe('ERROR');
    expect(await (await fetch(`${jobUrl}/error`, { headers: auth() })).text()).toBe('NodeNotFound');
  });

  test('an async move runs as a UWS job', async () => {
    await mkdirNode('/alice/mv');
    await upload('/alice/mv/a.txt', 'moving');
    const create = await fetch(`${platform.url}/vospace/transfers`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'text/xml' },
      body: transferDoc('/alice/mv/a.txt', '/alice/mv/b.txt', undefined, false),
      redirect: 'manual',
    });
    expect(create.status).toBe(303);
    const jobUrl = create.headers.get('location') ?? '';
    const run = await fetch(`${jobUrl}/phase`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'PHASE=RUN',
      redirect: 'manual',
    });
    expect(run.status).toBe(303);
    let job = parseJob(await (await fetch(jobUrl, { headers: auth() })).text());
    while (!['COMPLETED', 'ERROR'].includes(job.phase))
      job = parseJob(await (await fetch(`${jobUrl}?WAIT=30`, { headers: auth() })).text());
    expect(job.phase).toBe('COMPLETED');
    expect((await fetch(nodes('/alice/mv/a.txt'), { headers: auth() })).status).toBe(404);
    expect(await (await fetch(data('/alice/mv/b.txt'), { headers: auth() })).text()).toBe('moving');
    const node = parseNode(await (await fetch(nodes('/alice/mv/b.txt'), { headers: auth() })).text());
    expect(node.properties['ivo://ivoa.net/vospace/core#MD5']).toBe(md5('moving'));
  });

  test('an async push negotiates its endpoint once run', async () => {
    await mkdirNode('/alice/apush');
    const create = await fetch(`${platform.url}/vospace/transfers`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'text/xml' },
      body: transferDoc('/alice/apush/f.txt', 'pushToVoSpace', 'ivo://ivoa.net/vospace/core#httpput'),
      redirect: 'manual',
    });
    const jobUrl = create.headers.get('location') ?? '';
    expect(parseJob(await (await fetch(jobUrl, { headers: auth() })).text()).phase).toBe('PENDING');
    await fetch(`${jobUrl}/phase`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'PHASE=RUN',
    });
    let job = parseJob(await (await fetch(jobUrl, { headers: auth() })).text());
    while (!['COMPLETED', 'ERROR'].includes(job.phase)) {
      job = parseJob(await (await fetch(`${jobUrl}?WAIT=30`, { headers: auth() })).text());
    }
    expect(job.phase).toBe('COMPLETED');
    expect(job.results.map((r) => r.id)).toEqual(['transferDetails']);
    const details = parseTransfer(await (await fetch(`${jobUrl}/results/transferDetails`, { headers: auth() })).text());
    expect(details.protocols.map((p) => p.endpoint)).toEqual([data('/alice/apush/f.txt'), data('/alice/apush/f.txt')]);
  });

  test("transfers naming another user's nodes are refused", async () => {
    const res = await fetch(`${platform.url}/vospace/transfers`, {
      method: 'POST',
      headers: { ...auth(bob), 'content-type': 'text/xml' },
      body: transferDoc('/alice/mv/b.txt', '/bob/stolen.txt', undefined, true),
      redirect: 'manual',
    });
    expect(res.status).toBe(404);
    const bad = await fetch(`${platform.url}/vospace/transfers`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'text/xml' },
      body: '<not-a-transfer/>',
    });
    expect(bad.status).toBe(400);
  });
});

describe('VOSpace input that XML cannot carry', () => {
  test('transfer parameters with control characters are a 400, not a server error', async () => {
    const res = await fetch(`${platform.url}/vospace/synctrans`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        TARGET: 'vos://vobridge.org~vault/alice/x',
        DIRECTION: 'pull\u0001FromVoSpace',
        PROTOCOL: 'p',
      }).toString(),
    });
    expect(res.status).toBe(400);
  });
});
