// The hub side under load: many users' servers renewing their platform tokens through
// JupyterHub (vobridge_jupyterhub) at once, on short token lifetimes. Each simulated server
// is the broker's own hub client (`fetchHubToken`) on the broker's own schedule (renew at
// three quarters of the lifetime, asking for a token that outlives the one held); the hub,
// configurable-http-proxy and the platform are the real ones (packages/testing/jupyterhub).
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { fetchHubToken, type HubEndpoint } from '@vobridge/broker';
import { renewalDueAt, type IssuedToken } from '@vobridge/sdk';
import { startJupyterHub } from '@vobridge/testing';
import { rssOf } from '../lib/processes.js';
import { compare, type BenchResult } from '../lib/result.js';
import { percentile, summarize } from '../lib/stats.js';
import type { BenchContext } from './context.js';

/** Access token lifetime at the platform (seconds). */
const TTL = 10;
/** Servers per user: two (a default and a named server), each with its own broker. */
const SERVERS_PER_USER = 2;
/** How often the platform's own refresh grant is timed for the baseline. */
const BASELINE_GRANTS = 50;

/** `outliving` of the broker: ask for a token valid one second longer than the one held. */
function outlive(held: IssuedToken): number {
  return held.expiresAt === undefined ? 0 : Math.max(0, (held.expiresAt - Date.now()) / 1000) + 1;
}

/** One server's broker renewing through the hub until `until`: its renewals, each timed. */
async function server(hub: HubEndpoint, until: number, latencies: number[]): Promise<number> {
  let start = performance.now();
  let held = (await fetchHubToken(hub, 0)).token;
  latencies.push(performance.now() - start);
  let renewals = 0;
  for (;;) {
    const due = renewalDueAt(held);
    if (due === undefined || due >= until) return renewals;
    await sleep(Math.max(0, due - Date.now()));
    start = performance.now();
    held = (await fetchHubToken(hub, outlive(held))).token;
    latencies.push(performance.now() - start);
    renewals++;
  }
}

function renewalsInLog(log: string): number {
  return log.match(/vobridge: renewed the platform token of user\d+\n/g)?.length ?? 0;
}

export async function jupyterhub(ctx: BenchContext): Promise<BenchResult> {
  const users = ctx.full ? 50 : 10;
  const lifetimes = ctx.full ? 6 : 3;
  const hub = await startJupyterHub({ tokenTtl: TTL, loggedInUsers: users });
  try {
    const hubPid = Number((await readFile(hub.pidFile, 'utf8')).trim());
    const rssBefore = await rssOf(hubPid);
    const apiUrl = `${hub.url}/hub/api`;
    const endpoints = Object.values(hub.apiTokens).map((apiToken) => ({
      tokenUrl: `${apiUrl}/vobridge/token`,
      apiToken,
    }));
    const upstreamBefore = renewalsInLog(await readFile(hub.log, 'utf8'));
    const latencies: number[] = [];
    const started = Date.now();
    const until = started + lifetimes * TTL * 1000;
    const renewals = await Promise.all(
      endpoints.flatMap((endpoint) =>
        Array.from({ length: SERVERS_PER_USER }, () => server(endpoint, until, latencies)),
      ),
    );
    const elapsedLifetimes = (Date.now() - started) / 1000 / TTL;
    const upstream = renewalsInLog(await readFile(hub.log, 'utf8')) - upstreamBefore;
    const rssAfter = await rssOf(hubPid);
    const brokerRenewals = renewals.reduce((a, b) => a + b, 0);

    // Baseline latency: what a broker holding its own login waits for, the platform's refresh grant
    // (same platform, same confidential client, one user's refresh token; the platform does not
    // rotate a confidential client's refresh tokens, so the hub's stays valid).
    const state = (await fetch(`${apiUrl}/users/user001`, {
      headers: { authorization: `token ${hub.adminToken}` },
    }).then((reply) => reply.json())) as { auth_state: { refresh_token: string } };
    const grants: number[] = [];
    for (let i = 0; i < BASELINE_GRANTS; i++) {
      const start = performance.now();
      const reply = await fetch(`${hub.platformUrl}/oidc/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          refresh_token: state.auth_state.refresh_token,
          client_id: 'jupyterhub',
          client_secret: hub.clientSecret,
        }),
      });
      await reply.arrayBuffer();
      if (!reply.ok) throw new Error(`the platform refused the baseline refresh grant (${reply.status})`);
      grants.push(performance.now() - start);
    }

    const perUserLifetime = (n: number) => n / (users * elapsedLifetimes);
    const one = (value: number) => summarize([value]);
    return {
      name: 'jupyterhub',
      title: 'JupyterHub: many users’ servers renewing through the hub',
      comparisons: [
        ...[50, 99].map((p) =>
          compare(
            `renewal latency, p${p}`,
            'ms',
            'lower',
            { what: 'a server’s broker asking the hub', value: one(percentile(latencies, p)) },
            {
              what: 'the platform’s refresh grant (each broker holding its own login)',
              value: one(percentile(grants, p)),
            },
          ),
        ),
        compare(
          'refreshes sent to the platform per user per token lifetime',
          'grants',
          'lower',
          { what: 'the hub (one renewal per user at a time)', value: one(perUserLifetime(upstream)) },
          {
            what: `each of the user’s ${SERVERS_PER_USER} brokers holding its own login (the renewals they made)`,
            value: one(perUserLifetime(brokerRenewals)),
          },
        ),
        compare('hub RSS after the load', 'MiB', 'lower', {
          what: `JupyterHub with ${users} users’ tokens`,
          value: one(rssAfter / 2 ** 20),
        }),
      ],
      notes: [
        `${users} users logged in at the hub, ${SERVERS_PER_USER} servers each (${users * SERVERS_PER_USER} simulated brokers: the broker's hub client on the broker's schedule), ${TTL} s access tokens, ${elapsedLifetimes.toFixed(1)} lifetimes.`,
        `${latencies.length} hub answers, ${upstream} refresh grants sent by the hub, ${brokerRenewals} broker renewals.`,
        `Hub RSS ${(rssBefore / 2 ** 20).toFixed(1)} MiB with the users logged in before the load, ${(rssAfter / 2 ** 20).toFixed(1)} MiB after.`,
        `Baseline latency: ${BASELINE_GRANTS} sequential refresh grants at the platform, after the load, with no other traffic.`,
      ],
    };
  } finally {
    await hub.stop();
  }
}
