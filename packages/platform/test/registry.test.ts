// The SDK finds the platform's services through its registry alone, in both
// topologies: what `vobridge`, the broker and the extension rely on.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { resolvePlatform, resolveVosUri } from '@vobridge/sdk';
import type { Topology } from '../src/index.js';
import { startTestPlatform, type TestPlatform } from './support/platform.js';

describe.each<Topology>(['single', 'split'])('the %s topology, found through /reg/resource-caps', (topology) => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform({ topology });
  });
  afterAll(async () => {
    await platform.dispose();
  });

  it('locates VOSpace, GMS, sessions and the login, and scopes logins to every origin it declares', async () => {
    const found = await resolvePlatform(platform.url);
    const { vospace, gms, sessions } = platform.serviceOrigins;
    expect(found.origin).toBe(platform.url);
    expect(Object.fromEntries(Object.entries(found.services).map(([name, s]) => [name, s.url]))).toEqual({
      vospace: `${vospace}/vospace`,
      gms: `${gms}/gms`,
      sessions: `${sessions}/skaha/v1`,
      login: `${platform.url}/ac/login`,
    });
    expect(new Set(found.origins)).toEqual(new Set(Object.values(platform.serviceOrigins)));
  });

  it('resolves the vos:// URIs the platform hands out, and a registry URL given directly', async () => {
    const found = await resolvePlatform(`${platform.url}/reg/resource-caps`);
    expect(await resolveVosUri(found, 'vos://vobridge.org~vault/alice/x.fits')).toEqual({
      baseUrl: `${platform.serviceOrigins.vospace}/vospace`,
      path: '/alice/x.fits',
    });
    expect(await resolveVosUri(found, 'vos://cadc.nrc.ca!vault/alice')).toEqual({
      baseUrl: `${platform.serviceOrigins.vospace}/vospace`,
      path: '/alice',
    });
  });
});
