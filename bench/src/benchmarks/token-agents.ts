// Local token agents: the broker (its `/v1/token`, and the `vobridge token`
// CLI in front of it) against oidc-agent (`oidc-token`, and its unix socket),
// both holding a login of the same user on the same platform, with the same
// token lifetime: a cached token, and a token that needs a refresh on every call.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { deviceLogin, refresher, type OAuthClient } from '../lib/oauth-client.js';
import { CLI, json, run } from '../lib/http.js';
import { agentToken, ensureOidcAgent, oidcAgentVersion, startOidcAgent } from '../lib/oidc-agent.js';
import { startBroker, startPlatform, tempDir } from '../lib/processes.js';
import { compare, type BenchResult, type Comparison } from '../lib/result.js';
import { percentile, summarize } from '../lib/stats.js';
import type { BenchContext } from './context.js';

const NAME = 'token-agents';
const TITLE = 'Local token agents: the broker and oidc-agent';
/** Access token lifetime on the platform, for both agents. */
const TTL = 60;
/** "Valid at least this long" for cached calls: well inside the lifetime. */
const CACHED_MIN_VALID = 10;
/**
 * The broker never refreshes a token whose whole lifetime is shorter than the
 * requested validity (it would only hammer the issuer), so its refresh path is
 * forced with a validity one second short of the lifetime, on a token at least
 * {@link REFRESH_GAP_MS} old; oidc-agent refreshes whenever its token cannot
 * meet the requested validity, so it is asked for more than the lifetime.
 */
const BROKER_REFRESH_MIN_VALID = TTL - 1;
const AGENT_REFRESH_MIN_VALID = 2 * TTL;
const REFRESH_GAP_MS = 1100;
const CLIENT_ID = 'oidc-agent-bench';
const ACCOUNT = 'vobridge-bench';
const SCOPE = 'openid offline_access';
const USER = 'alice';
const PASSWORD = 'alice-demo-password';

type Call = () => Promise<string>;

/** Sequential calls for `seconds`: calls per second. */
async function callsPerSecond(call: Call, seconds: number): Promise<number> {
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    await call();
    n++;
  }
  return n / ((performance.now() - start) / 1000);
}

/**
 * Median ms of `n` calls that must each bring a new token (a refresh), each
 * starting {@link REFRESH_GAP_MS} after the last one ended; the gap is not timed.
 */
async function refreshLatency(what: string, call: Call, n: number): Promise<number> {
  let previous = await call();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    await sleep(REFRESH_GAP_MS);
    const start = performance.now();
    const token = await call();
    times.push(performance.now() - start);
    if (token === previous) throw new Error(`${what} returned the same token: it did not refresh`);
    previous = token;
  }
  return percentile(times, 50);
}

/** A GET over one kept-alive loopback connection, resolving with the body. */
function keptAliveGet(url: string, headers: Record<string, string>): { get: Call; close: () => void } {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const get: Call = () =>
    new Promise((resolve, reject) => {
      const req = request(url, { headers, agent }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`HTTP ${res.statusCode}`))));
      });
      req.on('error', reject);
      req.end();
    });
  return { get, close: () => agent.destroy() };
}

const tokenOf = (body: string): string => String((JSON.parse(body) as { token: unknown }).token);

/** Runs the local token agents benchmark (or reports why oidc-agent could not be measured). */
export async function tokenAgents(ctx: BenchContext): Promise<BenchResult> {
  const unavailable = await ensureOidcAgent();
  if (unavailable !== undefined) {
    process.stderr.write(`  token-agents not measured: ${unavailable}\n`);
    return { name: NAME, title: TITLE, comparisons: [], notes: [`Not measured: ${unavailable}.`] };
  }

  const dir = await tempDir('agents');
  const stops: Array<() => Promise<void> | void> = [];
  try {
    // A confidential client for oidc-agent (it authenticates with HTTP Basic), with a secret of this run only.
    const clientSecret = randomBytes(32).toString('base64url');
    const clientFile = join(dir.path, 'clients.json');
    const grantTypes = ['refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'];
    await writeFile(
      clientFile,
      JSON.stringify({ client_id: CLIENT_ID, client_secret: clientSecret, grant_types: grantTypes }),
      { mode: 0o600 },
    );
    const platform = await startPlatform(join(dir.path, 'platform'), [
      '--token-ttl',
      String(TTL),
      '--client',
      clientFile,
    ]);
    stops.push(platform.stop);
    const broker = await startBroker();
    stops.push(broker.stop);
    const agent = await startOidcAgent(join(dir.path, 'agent'));
    stops.push(agent.stop);
    const service = `${platform.url}/vospace/nodes/${USER}`;
    const http = (minValid: number): ReturnType<typeof keptAliveGet> => {
      const client = keptAliveGet(`${broker.url}/v1/token?url=${encodeURIComponent(service)}&min_valid=${minValid}`, {
        authorization: `Bearer ${broker.secret}`,
      });
      stops.push(client.close);
      return client;
    };
    const cachedHttp = http(CACHED_MIN_VALID);
    const refreshHttp = http(BROKER_REFRESH_MIN_VALID);

    // The same user with the same scope in both agents, each through a device login approved here.
    const publicClient: OAuthClient = { id: 'vobridge' };
    const forBroker = await deviceLogin(platform.url, publicClient, SCOPE, USER, PASSWORD);
    await json(`${broker.url}/v1/logins`, {
      method: 'POST',
      bearer: broker.secret,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        url: platform.url,
        method: 'token',
        token: forBroker.access_token,
        refresh_token: forBroker.refresh_token,
      }),
    });
    const confidential: OAuthClient = { id: CLIENT_ID, secret: clientSecret };
    const forAgent = await deviceLogin(platform.url, confidential, SCOPE, USER, PASSWORD);
    await agent.addAccount({
      name: ACCOUNT,
      issuer: `${platform.url}/oidc`,
      clientId: CLIENT_ID,
      clientSecret,
      refreshToken: forAgent.refresh_token,
      scope: SCOPE,
    });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const rssIdle = { broker: await broker.rss(), agent: await agent.rss() };

    const brokerEnv = { VOBRIDGE_BROKER_URL: broker.url, VOBRIDGE_BROKER_SECRET: broker.secret };
    // curl reads the broker's secret from a 0600 file (-H @file), not its command line.
    const curlHeaders = join(dir.path, 'curl-headers');
    await writeFile(curlHeaders, `authorization: Bearer ${broker.secret}\n`, { mode: 0o600 });
    const cli =
      (minValid: number): Call =>
      async () =>
        (await run(process.execPath, [CLI, 'token', service, '--min-valid', String(minValid)], brokerEnv)).trim();
    const curl =
      (minValid: number): Call =>
      async () =>
        tokenOf(
          await run('curl', [
            '-sS',
            '-f',
            '-H',
            `@${curlHeaders}`,
            `${broker.url}/v1/token?url=${encodeURIComponent(service)}&min_valid=${minValid}`,
          ]),
        );
    const oidcToken =
      (minValid: number): Call =>
      async () =>
        (await run('oidc-token', [`--time=${minValid}`, ACCOUNT], agent.env)).trim();
    const socket =
      (minValid: number): Call =>
      () =>
        agentToken(agent.socket, ACCOUNT, minValid);

    const cached = {
      cli: cli(CACHED_MIN_VALID),
      curl: curl(CACHED_MIN_VALID),
      oidcToken: oidcToken(CACHED_MIN_VALID),
      http: async () => tokenOf(await cachedHttp.get()),
      socket: socket(CACHED_MIN_VALID),
    };
    const refresh = {
      cli: cli(BROKER_REFRESH_MIN_VALID),
      curl: curl(BROKER_REFRESH_MIN_VALID),
      oidcToken: oidcToken(AGENT_REFRESH_MIN_VALID),
      http: async () => tokenOf(await refreshHttp.get()),
      socket: socket(AGENT_REFRESH_MIN_VALID),
    };
    // The platform's refresh_token grant alone, for each client, from logins of their own: the floor under both agents.
    const grants = {
      public: refresher(
        platform.url,
        publicClient,
        await deviceLogin(platform.url, publicClient, SCOPE, USER, PASSWORD),
      ),
      confidential: refresher(
        platform.url,
        confidential,
        await deviceLogin(platform.url, confidential, SCOPE, USER, PASSWORD),
      ),
    };
    type Variant = keyof typeof cached;
    const variants = Object.keys(cached) as Variant[];
    for (const v of variants) await cached[v](); // warm-up: caches, JIT, page cache of the binaries

    // Repetitions interleave the variants, so that a change in the machine's load touches them all.
    const rate = Object.fromEntries(variants.map((v) => [v, [] as number[]])) as Record<Variant, number[]>;
    const refreshMs = Object.fromEntries(variants.map((v) => [v, [] as number[]])) as Record<Variant, number[]>;
    for (let i = 0; i < ctx.reps; i++)
      for (const v of variants) rate[v].push(await callsPerSecond(cached[v], ctx.seconds));
    const refreshCalls = ctx.full ? 6 : 3;
    const grantMs = { public: [] as number[], confidential: [] as number[] };
    for (let i = 0; i < ctx.reps; i++) {
      for (const v of variants) refreshMs[v].push(await refreshLatency(`${v} (refresh)`, refresh[v], refreshCalls));
      for (const g of ['public', 'confidential'] as const)
        grantMs[g].push(await refreshLatency(`${g} client grant`, grants[g], refreshCalls));
    }
    const rss = { broker: await broker.rss(), agent: await agent.rss() };
    // What each agent adds to the platform's grant, repetition by repetition.
    const overheadMs = {
      broker: refreshMs.http.map((ms, i) => ms - (grantMs.public[i] as number)),
      agent: refreshMs.socket.map((ms, i) => ms - (grantMs.confidential[i] as number)),
    };

    const oidcTokenCached = {
      what: `oidc-token --time=${CACHED_MIN_VALID} <account> (→ oidc-agent)`,
      value: summarize(rate.oidcToken),
    };
    const oidcTokenRefresh = {
      what: `oidc-token --time=${AGENT_REFRESH_MIN_VALID} <account> (→ oidc-agent → platform)`,
      value: summarize(refreshMs.oidcToken),
    };
    const comparisons: Comparison[] = [
      compare(
        'cached token from a shell, one process per call',
        'calls/s',
        'higher',
        {
          what: `vobridge token <url> --min-valid ${CACHED_MIN_VALID} (Node CLI → broker)`,
          value: summarize(rate.cli),
        },
        oidcTokenCached,
        'Mostly Node start-up against a small C program.',
      ),
      compare(
        'cached token from a shell, one process per call',
        'calls/s',
        'higher',
        { what: `curl -H @<file> of the broker /v1/token?min_valid=${CACHED_MIN_VALID}`, value: summarize(rate.curl) },
        oidcTokenCached,
        'Two C programs, one loopback round trip each (HTTP to the broker, the unix socket to oidc-agent).',
      ),
      compare(
        'cached token, in-process client, one call at a time',
        'calls/s',
        'higher',
        {
          what: `broker GET /v1/token?min_valid=${CACHED_MIN_VALID} (node:http, kept-alive connection)`,
          value: summarize(rate.http),
        },
        {
          what: `oidc-agent socket: {"request":"access_token","min_valid_period":${CACHED_MIN_VALID}} (new connection per request, its protocol)`,
          value: summarize(rate.socket),
        },
      ),
      compare(
        'refresh on every call, from a shell, one process per call',
        'ms',
        'lower',
        {
          what: `vobridge token <url> --min-valid ${BROKER_REFRESH_MIN_VALID} (Node CLI → broker → platform)`,
          value: summarize(refreshMs.cli),
        },
        oidcTokenRefresh,
      ),
      compare(
        'refresh on every call, from a shell, one process per call',
        'ms',
        'lower',
        {
          what: `curl -H @<file> of the broker /v1/token?min_valid=${BROKER_REFRESH_MIN_VALID} (→ platform)`,
          value: summarize(refreshMs.curl),
        },
        oidcTokenRefresh,
      ),
      compare(
        'refresh on every call, in-process client',
        'ms',
        'lower',
        {
          what: `broker GET /v1/token?min_valid=${BROKER_REFRESH_MIN_VALID} (node:http, kept-alive connection)`,
          value: summarize(refreshMs.http),
        },
        { what: `oidc-agent socket, min_valid_period ${AGENT_REFRESH_MIN_VALID}`, value: summarize(refreshMs.socket) },
        'Platform refresh_token grant: public client for the broker, HTTP Basic for oidc-agent.',
      ),
      compare(
        'the platform refresh_token grant alone (fetch from the benchmark)',
        'ms',
        'lower',
        {
          what: 'public client vobridge, as the broker uses it (the platform rotates its refresh token)',
          value: summarize(grantMs.public),
        },
        {
          what: `confidential client ${CLIENT_ID}, HTTP Basic, as oidc-agent uses it (no rotation)`,
          value: summarize(grantMs.confidential),
        },
        'Not the agents: the platform under each of them, timed like their refreshes.',
      ),
      compare(
        "the agent's own part of a refresh: in-process refresh minus the platform grant alone",
        'ms',
        'lower',
        {
          what: 'broker (refresh on every call, in-process) − public client grant',
          value: summarize(overheadMs.broker),
        },
        {
          what: 'oidc-agent (socket, refresh on every call) − confidential client grant',
          value: summarize(overheadMs.agent),
        },
        'Differences of medians per repetition; noise of a millisecond or two either way is the machine, not the agent.',
      ),
      compare(
        'resident memory of the agent, idle with one login',
        'MiB',
        'lower',
        { what: 'broker process (Node)', value: summarize([rssIdle.broker / 2 ** 20]) },
        { what: 'oidc-agent processes (proxy and daemon)', value: summarize([rssIdle.agent / 2 ** 20]) },
        'Measured after the logins and a few seconds of rest, before any load.',
      ),
      compare(
        'resident memory of the agent after the runs',
        'MiB',
        'lower',
        { what: 'broker process (Node)', value: summarize([rss.broker / 2 ** 20]) },
        { what: 'oidc-agent processes (proxy and daemon)', value: summarize([rss.agent / 2 ** 20]) },
      ),
    ];
    return {
      name: NAME,
      title: TITLE,
      comparisons,
      notes: [
        `One platform (vobridge-platform --token-ttl ${TTL}), access tokens of ${TTL} s for both agents, the same user and scope ("${SCOPE}"); the broker holds a device login of the public client vobridge, oidc-agent ${oidcAgentVersion()} an account set up with oidc-gen --flow=refresh from a device login of a confidential client (${CLIENT_ID}, client_secret_basic, registered with vobridge-platform --client).`,
        `Cached: ${ctx.reps} repetitions of ${ctx.seconds} s of sequential calls per variant, interleaved; both agents were asked for a token valid at least ${CACHED_MIN_VALID} s.`,
        `Refresh: ${ctx.reps} repetitions of the median of ${refreshCalls} calls that each had to bring a new token (checked), each started ${REFRESH_GAP_MS} ms after the previous one ended (the gap is not timed). The broker refuses to refresh a token whose whole lifetime is shorter than the validity asked for, so it was asked for ${BROKER_REFRESH_MIN_VALID} s (refresh once the token is over 1 s old); oidc-agent for ${AGENT_REFRESH_MIN_VALID} s (it refreshes whenever its token falls short).`,
        `The two agents use different OAuth clients because oidc-agent authenticates with HTTP Basic and the broker as the public client; the platform rotates a public client's refresh token on every refresh and not a confidential one's, so its grant alone costs more for the broker (the "platform refresh_token grant alone" row: grants from logins of their own, timed like the agents' refreshes): compare the agents' refresh figures with that row in mind.`,
        'Every process (vobridge token, curl, oidc-token) is spawned from the benchmark with node:child_process, which adds the same few milliseconds to each call on either side.',
        'oidc-agent ran with --console --no-autoload --no-webserver --no-scheme --no-autoreauthenticate, its own socket (OIDC_SOCK) and configuration directory (OIDC_CONFIG_DIR) in a temporary directory.',
      ],
    };
  } finally {
    for (const stop of stops.reverse()) await stop();
    await dir.remove();
  }
}
