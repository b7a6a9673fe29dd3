// Auth: WWW-Authenticate parsing throughput, cached JWT verification against
// jose's own verify with a local key set (the floor), and what a cold
// discoverAuth costs in round trips against the reference platform.
import { createLocalJWKSet, decodeJwt, jwtVerify, type JSONWebKeySet } from 'jose';
import { join } from 'node:path';
import { createJwtValidator, discoverAuth, parseChallenges, type FetchLike } from '@vobridge/sdk';
import { demoToken } from '../lib/http.js';
import { compare, type BenchResult } from '../lib/result.js';
import { startPlatform, tempDir } from '../lib/processes.js';
import { summarize } from '../lib/stats.js';
import type { BenchContext } from './context.js';

/** What CADC-style services send today, several challenges in one header. */
const HEADER =
  'ivoa_bearer standard_id="ivo://ivoa.net/sso#tls-with-password", access_url="https://ws-cadc.canfar.net/ac/login", ' +
  'ivoa_bearer standard_id="ivo://ivoa.net/sso#OAuth", access_url="https://ws-cadc.canfar.net/ac/authorize", ' +
  'ivoa_x509 standard_id="ivo://ivoa.net/sso#tls-with-certificate", Bearer realm="cadc", error="invalid_token", error_description="expired \\"token\\", renew it"';

/** Operations per second of `op`, run for about `ms` milliseconds. */
async function rate(op: () => unknown, ms: number): Promise<number> {
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    for (let i = 0; i < 100; i++) await op();
    n += 100;
  }
  return n / ((performance.now() - start) / 1000);
}

/** Runs the auth benchmark. */
export async function auth(ctx: BenchContext): Promise<BenchResult> {
  const dir = await tempDir('auth');
  const platform = await startPlatform(join(dir.path, 'platform'));
  try {
    const token = await demoToken(platform.url);
    const claims = decodeJwt(token);
    const issuer = String(claims.iss);
    const audience = claims.aud as string | string[];
    const meta = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { jwks_uri: string };
    const jwks = (await (await fetch(meta.jwks_uri)).json()) as JSONWebKeySet;
    const validator = createJwtValidator({ issuer, audience, jwksUri: meta.jwks_uri });
    const local = createLocalJWKSet(jwks);
    await validator.verify(token);

    const parse: number[] = [];
    const verify: number[] = [];
    const floor: number[] = [];
    const discoveryMs: number[] = [];
    let roundTrips = 0;
    for (let i = 0; i < ctx.reps; i++) {
      parse.push(await rate(() => parseChallenges(HEADER), 1000));
      verify.push(await rate(() => validator.verify(token), 1000));
      floor.push(await rate(() => jwtVerify(token, local, { issuer, audience }), 1000));
      let trips = 0;
      const counting: FetchLike = (input, init) => {
        trips++;
        return fetch(input, init);
      };
      const start = performance.now();
      await discoverAuth(`${platform.url}/vospace/nodes/alice`, { fetch: counting });
      discoveryMs.push(performance.now() - start);
      roundTrips = trips;
    }
    return {
      name: 'auth',
      title: 'Auth: challenge parsing, JWT verification, discovery',
      comparisons: [
        compare(
          'parseChallenges, a 4-challenge CADC-style header',
          'parses/s',
          'higher',
          { what: 'parseChallenges', value: summarize(parse) },
          undefined,
          'No JavaScript or Python peer parses IVOA challenges (pyvo 1.9 does not read them).',
        ),
        compare(
          'JWT verification, keys cached',
          'verifications/s',
          'higher',
          { what: 'createJwtValidator().verify (remote JWKS, cached)', value: summarize(verify) },
          { what: 'jose jwtVerify with a local key set (the floor)', value: summarize(floor) },
        ),
        compare('cold discoverAuth of a VOSpace node URL', 'ms', 'lower', {
          what: `discoverAuth (${roundTrips} HTTP round trips)`,
          value: summarize(discoveryMs),
        }),
      ],
      notes: [`${ctx.reps} repetitions of about 1 s each; RS256 tokens from the reference platform.`],
    };
  } finally {
    await platform.stop();
    await dir.remove();
  }
}
