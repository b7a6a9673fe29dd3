import {
  AuthenticationError,
  GmsClient,
  NotFoundError,
  PermissionError,
  groupsFromClaims,
  normalizeGroup,
  type FetchLike,
} from '../../src/index.js';
import { listen, type Running } from '../fixtures/servers.js';

/** A small GMS: users by bearer token, GMS 1.0 search, JSON groups. */
interface GmsServer extends Running {
  hits: Map<string, number>;
  /** Holds answers until {@link release}, so a test can start concurrent lookups first. */
  hold(): void;
  release(): void;
}

async function startGms(cacheControl?: string): Promise<GmsServer> {
  const members: Record<string, string[]> = {
    'survey-team': ['alice', 'bob'],
    admins: ['carol'],
    'cta/analysis': ['alice'],
  };
  const hits = new Map<string, number>();
  let gate: Promise<void> = Promise.resolve();
  let release = (): void => undefined;
  const running = await listen(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    hits.set(url.pathname + url.search, (hits.get(url.pathname + url.search) ?? 0) + 1);
    const user = /^Bearer (\w+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!user)
      return void res.writeHead(401, { 'www-authenticate': 'Bearer', 'content-type': 'text/plain' }).end('no token');
    await gate;
    const headers: Record<string, string> = cacheControl ? { 'cache-control': cacheControl } : {};
    const mine = Object.keys(members).filter((g) => members[g]!.includes(user));
    if (url.pathname === '/gms/search') {
      const asked = url.searchParams.getAll('group');
      const names = asked.length ? mine.filter((g) => asked.includes(g)) : mine;
      return void res
        .writeHead(200, { ...headers, 'content-type': 'text/plain' })
        .end(names.map((n) => `${n}\n`).join(''));
    }
    if (url.pathname === '/gms/groups') {
      return void res
        .writeHead(200, { ...headers, 'content-type': 'application/json' })
        .end(JSON.stringify(mine.map((name) => ({ name, uri: `ivo://x/gms?${name}` }))));
    }
    const name = decodeURIComponent(url.pathname.replace(/^\/gms\/groups\//, ''));
    if (!members[name]) return void res.writeHead(404, { 'content-type': 'text/plain' }).end(`NotFound: ${name}`);
    if (!members[name].includes(user))
      return void res.writeHead(403, { 'content-type': 'text/plain' }).end('not a member');
    res
      .writeHead(200, { ...headers, 'content-type': 'application/json' })
      .end(JSON.stringify({ name, uri: `ivo://x/gms?${name}`, members: members[name] }));
  });
  return {
    ...running,
    hits,
    hold() {
      gate = new Promise((r) => (release = r));
    },
    release: () => release(),
  };
}

const as =
  (user: string): FetchLike =>
  (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('authorization', `Bearer ${user}`);
    return fetch(input, { ...init, headers });
  };

describe('GmsClient against a GMS', () => {
  let gms: GmsServer;
  beforeAll(async () => {
    gms = await startGms();
  });
  afterAll(() => gms.close());

  test('my groups, isMember, members; errors typed', async () => {
    const alice = new GmsClient({ baseUrl: `${gms.url}/gms`, fetch: as('alice') });
    expect((await alice.myGroups()).map((g) => g.name)).toEqual(['survey-team', 'cta/analysis']);
    expect(await alice.isMember('survey-team')).toBe(true);
    expect(await alice.isMember('ivo://x/gms?admins')).toBe(false);
    expect(await alice.members('survey-team')).toEqual(['alice', 'bob']);
    await expect(alice.members('admins')).rejects.toBeInstanceOf(PermissionError);
    await expect(alice.members('nope')).rejects.toBeInstanceOf(NotFoundError);
    await expect(new GmsClient({ baseUrl: `${gms.url}/gms` }).isMember('admins')).rejects.toBeInstanceOf(
      AuthenticationError,
    );
  });

  test('answers are cached per identity and concurrent lookups share one request', async () => {
    let who = 'alice';
    const client = new GmsClient({
      baseUrl: `${gms.url}/gms`,
      fetch: (i, init) => as(who)(i, init),
      identity: () => who,
    });
    gms.hits.clear();
    gms.hold();
    const pending = Promise.all([
      client.isMember('survey-team'),
      client.isMember('survey-team'),
      client.isMember('/survey-team'),
    ]);
    setTimeout(() => gms.release(), 50);
    expect(await pending).toEqual([true, true, true]);
    expect(await client.isMember('survey-team')).toBe(true);
    expect(gms.hits.get('/gms/search?group=survey-team')).toBe(1);
    // Another identity never sees alice's cached answer.
    who = 'carol';
    expect(await client.isMember('survey-team')).toBe(false);
    expect(gms.hits.get('/gms/search?group=survey-team')).toBe(2);
  });

  test('a failed lookup is not cached', async () => {
    const client = new GmsClient({ baseUrl: `${gms.url}/gms` });
    await expect(client.isMember('admins')).rejects.toBeInstanceOf(AuthenticationError);
    await expect(client.isMember('admins')).rejects.toBeInstanceOf(AuthenticationError);
    expect(gms.hits.get('/gms/search?group=admins')).toBe(2);
  });
});

test('Cache-Control: no-store disables caching; max-age=0 too; a TTL of 0 as well', async () => {
  for (const [cc, ttl] of [
    ['no-store', undefined],
    ['max-age=0', undefined],
    [undefined, 0],
  ] as const) {
    const gms = await startGms(cc);
    try {
      const client = new GmsClient({
        baseUrl: `${gms.url}/gms`,
        fetch: as('alice'),
        ...(ttl === undefined ? {} : { cacheTtlMs: ttl }),
      });
      await client.isMember('admins');
      await client.isMember('admins');
      expect(gms.hits.get('/gms/search?group=admins')).toBe(2);
    } finally {
      await gms.close();
    }
  }
});

describe('membership from token claims', () => {
  const trusted = {
    'https://wlcg.example/': ['wlcg.groups'] as const,
    'https://aai.egi.eu/auth/realms/egi': ['eduperson_entitlement'] as const,
    'https://keycloak.example/': ['groups'] as const,
  };

  test('wlcg.groups, groups and EGI entitlements', () => {
    expect(
      groupsFromClaims({ iss: 'https://wlcg.example/', 'wlcg.groups': ['/cta', '/cta/analysis'] }, trusted),
    ).toEqual(['cta', 'cta/analysis']);
    expect(groupsFromClaims({ iss: 'https://keycloak.example/', groups: ['survey-team'] }, trusted)).toEqual([
      'survey-team',
    ]);
    expect(
      groupsFromClaims(
        {
          iss: 'https://aai.egi.eu/auth/realms/egi',
          eduperson_entitlement: [
            'urn:mace:egi.eu:group:vo.example.org:role=member#aai.egi.eu',
            'urn:mace:egi.eu:group:vo.example.org:sub:role=member#aai.egi.eu',
            'urn:mace:egi.eu:group:other.org:role=vm_operator#aai.egi.eu',
            'urn:mace:egi.eu:group:evil.org:role=member#aai.evil.example',
          ],
        },
        trusted,
      ),
    ).toEqual(['vo.example.org', 'vo.example.org/sub']);
  });

  test('untrusted issuer, untrusted claim or no claim: undefined (ask the GMS)', () => {
    expect(groupsFromClaims({ iss: 'https://evil.example/', groups: ['admins'] }, trusted)).toBeUndefined();
    expect(groupsFromClaims({ iss: 'https://wlcg.example/', groups: ['admins'] }, trusted)).toBeUndefined();
    expect(groupsFromClaims({ iss: 'https://wlcg.example/' }, trusted)).toBeUndefined();
    expect(groupsFromClaims({ iss: 'https://wlcg.example/', 'wlcg.groups': [] }, trusted)).toEqual([]);
    expect(normalizeGroup('ivo://x/gms?/a/b/')).toBe('a/b');
  });

  test('isMember answers offline from a trusted token and falls back to the GMS otherwise', async () => {
    const gms = await startGms();
    try {
      let claims: Record<string, unknown> = {
        iss: 'https://wlcg.example/',
        sub: 'alice',
        'wlcg.groups': ['/cta/analysis'],
      };
      const client = new GmsClient({
        baseUrl: `${gms.url}/gms`,
        fetch: as('alice'),
        claims: () => claims,
        trustedClaims: trusted,
      });
      expect(await client.isMember('/cta/analysis')).toBe(true);
      expect(await client.isMember('admins')).toBe(false);
      expect(gms.hits.size).toBe(0);
      claims = { iss: 'https://unlisted.example/', sub: 'alice', groups: ['admins'] };
      expect(await client.isMember('admins')).toBe(false);
      expect(await client.isMember('survey-team')).toBe(true);
      expect(gms.hits.size).toBe(2);
    } finally {
      await gms.close();
    }
  });
});
