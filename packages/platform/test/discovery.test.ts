import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { discoverAuth } from '@vobridge/sdk';
import { startTestPlatform, type TestPlatform } from './support/platform.js';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform.dispose();
});

describe('the SDK discovers how to log in to the platform', () => {
  it('finds the password, OAuth and cookie logins on a protected service URL', async () => {
    const found = await discoverAuth(`${platform.url}/skaha/v1/session`);
    expect(found.anonymous).toBe(false);
    expect(found.status).toBe(401);
    const byType = new Map(found.methods.map((m) => [m.type, m.accessUrl]));
    expect(byType.get('password-token')).toBe(`${platform.url}/ac/login`);
    expect(byType.get('oidc')).toBe(`${platform.url}/oidc/auth`);
    expect(byType.get('password-cookie')).toBe(`${platform.url}/ac/cookie`);
  });

  it('tells optional from required authentication on anonymous capabilities', async () => {
    const found = await discoverAuth(`${platform.url}/gms/capabilities`);
    expect(found.anonymous).toBe(true);
    expect(found.methods.length).toBeGreaterThan(0);
  });
});
