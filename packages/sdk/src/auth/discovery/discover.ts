// Finds out how to log in to a service the way a careful client would:
// ask the URL itself (HEAD, then GET, since some servers only challenge on
// GET), then the service's bootstrap locations. Nothing here sends a
// credential; every probe is anonymous.

import { ConfigurationError, ProtocolError } from '../../errors.js';
import type { Challenge } from '../challenges/challenge.js';
import { parseChallenges } from '../challenges/parse.js';
import {
  methodsFromCapabilities,
  methodsFromChallenges,
  rankMethods,
  type LoginMethod,
} from '../methods/login-method.js';
import { fetchFollowingRedirects } from '../../lib/redirects.js';
import type { RequestControl } from '../../lib/request.js';
import { parseCapabilities } from '../../xml/capabilities.js';
import { capabilitiesSecurity, type CapabilitiesSecurity } from './vosi.js';

/** What {@link discoverAuth} found. */
export interface AuthDiscovery {
  /** Whether the URL answered 2xx without credentials (challenges on a 200 mean optional auth). */
  anonymous: boolean;
  /** HTTP status of the URL itself, without credentials. */
  status: number;
  /** Usable login methods, most preferred first. */
  methods: LoginMethod[];
  /** Methods the service offers that the SDK does not implement (X.509). */
  unsupported: LoginMethod[];
  /** Every challenge received, in order. */
  challenges: Challenge[];
  /** VOSI `securityMethod` ids, when a capabilities document was found. */
  securityMethods: string[];
}

/** Options of {@link discoverAuth}. */
export interface DiscoverAuthOptions extends RequestControl {
  /** Most redirects followed per probe (default 10). */
  maxRedirects?: number;
}

const MAX_CAPABILITIES_BYTES = 1 << 20;

/**
 * Discovers how to authenticate to `url`: probes it with HEAD then GET,
 * reads the service's VOSI capabilities (`<service>/capabilities`, then
 * `/capabilities`), and when the URL itself sent no challenge, asks the
 * bootstrap `/authcheck` endpoints. Redirects are followed without credentials.
 *
 * @throws NetworkError / TimeoutError / AbortError when the URL cannot be reached.
 */
export async function discoverAuth(url: string | URL, options: DiscoverAuthOptions = {}): Promise<AuthDiscovery> {
  let target: URL;
  try {
    target = new URL(String(url));
  } catch (cause) {
    throw new ConfigurationError('discoverAuth needs an absolute http(s) URL.', { cause });
  }
  if (target.protocol !== 'https:' && target.protocol !== 'http:')
    throw new ConfigurationError('discoverAuth needs an http(s) URL.');

  const challenges: { challenge: Challenge; base: URL }[] = [];
  const collect = (response: Response, base: URL): void => {
    for (const challenge of parseChallenges(response.headers.get('www-authenticate')))
      challenges.push({ challenge, base });
  };

  let probe = await anonymous('HEAD', target, options);
  collect(probe.response, probe.url);
  if (!challenges.length || probe.response.status === 405 || probe.response.status === 501) {
    const got = await anonymous('GET', target, options);
    if (!challenges.length) collect(got.response, got.url);
    probe = got;
  }
  const status = probe.response.status;

  const security = await readCapabilities(target, options);
  if (!challenges.length) {
    for (const check of bootstrap(target, 'authcheck')) {
      const got = await optional(() => anonymous('GET', check, options));
      if (got) collect(got.response, got.url);
      if (challenges.length) break;
    }
  }

  const all = rankMethods([
    ...methodsFromChallenges(
      challenges.map((c) => c.challenge),
      challenges[0]?.base ?? target,
    ),
    ...(security ? methodsFromCapabilities(security.logins, security.securityMethods) : []),
  ]);
  return {
    anonymous: status >= 200 && status < 300,
    status,
    methods: all.filter((m) => m.type !== 'x509'),
    unsupported: all.filter((m) => m.type === 'x509'),
    challenges: challenges.map((c) => c.challenge),
    securityMethods: security?.securityMethods ?? [],
  };
}

async function anonymous(
  method: 'HEAD' | 'GET',
  url: URL,
  options: DiscoverAuthOptions,
): Promise<{ response: Response; url: URL }> {
  const response = await fetchFollowingRedirects({ method, url, headers: new Headers({ accept: '*/*' }) }, options);
  const finalUrl = response.url ? new URL(response.url) : url;
  await response.body?.cancel();
  return { response, url: finalUrl };
}

async function optional<T>(run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ConfigurationError || (error instanceof Error && error.name === 'AbortError')) throw error;
    return undefined;
  }
}

/** `<origin>/<first segment>/<leaf>` then `<origin>/<leaf>`: where IVOA services keep VOSI and auth checks. */
function bootstrap(url: URL, leaf: string): URL[] {
  const first = url.pathname.split('/').filter(Boolean)[0];
  const candidates = [
    ...(first && first !== leaf ? [new URL(`/${first}/${leaf}`, url.origin)] : []),
    new URL(`/${leaf}`, url.origin),
  ];
  return candidates;
}

async function readCapabilities(target: URL, options: DiscoverAuthOptions): Promise<CapabilitiesSecurity | undefined> {
  const candidates = target.pathname.endsWith('/capabilities') ? [target] : bootstrap(target, 'capabilities');
  for (const candidate of candidates) {
    const found = await optional(async () => {
      const response = await fetchFollowingRedirects(
        { method: 'GET', url: candidate, headers: new Headers({ accept: 'application/xml, text/xml' }) },
        options,
      );
      if (!response.ok || !/xml/.test(response.headers.get('content-type') ?? '')) {
        await response.body?.cancel();
        return undefined;
      }
      const text = await response.text();
      if (text.length > MAX_CAPABILITIES_BYTES) return undefined;
      try {
        return capabilitiesSecurity(parseCapabilities(text));
      } catch (error) {
        if (error instanceof ProtocolError) return undefined;
        throw error;
      }
    });
    if (found) return found;
  }
  return undefined;
}
