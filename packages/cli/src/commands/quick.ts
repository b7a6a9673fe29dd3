import type { BrokerLogin, TokenResponse } from '@vobridge/sdk/broker';
import { locateBroker } from '../broker/locate.js';
import { loopbackRequest, type BrokerEndpoint } from '../broker/loopback-request.js';
import { activeLogins, printStatus, printWhoami } from './login-output.js';
import { printToken, usersOn, type TokenOutput } from './token-output.js';
import { normaliseUrl, secondsProblem, urlProblem } from './values.js';

interface TokenArgs extends TokenOutput {
  url: string;
  minValid?: number;
  user?: string;
}

/**
 * The commands shell scripts call in loops (`vobridge token`, `status`,
 * `whoami`) without loading the command tree. Only their plain cases are
 * answered here (arguments this fully understands, a broker that answers 200,
 * one user on the platform); anything else resolves `false`, and the full CLI
 * then does it, and reports any error, the usual way. `args` is what follows
 * `vobridge`.
 */
export async function quickCommand(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const [command, ...rest] = args;
  try {
    if (command === 'token') return await quickToken(rest, env);
    if (command === 'status' && (rest.length === 0 || (rest.length === 1 && rest[0] === '--json'))) {
      const logins = await getLogins(env);
      if (!logins) return false;
      printStatus(logins, { json: rest.length === 1 });
      return true;
    }
    if (command === 'whoami' && rest.length === 0) {
      const logins = await getLogins(env);
      const active = logins && activeLogins(logins);
      if (!active?.length) return false;
      printWhoami(active);
      return true;
    }
  } catch {
    // Anything unexpected: the full CLI does it again and says what went wrong.
  }
  return false;
}

async function quickToken(args: readonly string[], env: NodeJS.ProcessEnv): Promise<boolean> {
  const parsed = parseTokenArgs(args);
  if (!parsed) return false;
  const broker = await locateBroker(env);
  if (!broker) return false;
  const query = new URLSearchParams({ url: parsed.url });
  if (parsed.minValid !== undefined) query.set('min_valid', String(parsed.minValid));
  if (parsed.user !== undefined) query.set('user', parsed.user);
  const [token, logins] = await Promise.all([
    loopbackRequest(broker, 'GET', `/v1/token?${query.toString()}`),
    parsed.user === undefined ? loginsOf(broker) : undefined,
  ]);
  if (token.status !== 200 || logins === null) return false;
  const answer = JSON.parse(token.body.toString('utf8')) as TokenResponse;
  // Never a silent pick between people: the full CLI says whose token to ask for.
  if (logins && usersOn(logins, answer.platform).length > 1) return false;
  printToken(answer, parsed);
  return true;
}

async function getLogins(env: NodeJS.ProcessEnv): Promise<BrokerLogin[] | null> {
  const broker = await locateBroker(env);
  return broker ? loginsOf(broker) : null;
}

/** The broker's logins, or `null` when it did not answer 200. */
async function loginsOf(broker: BrokerEndpoint): Promise<BrokerLogin[] | null> {
  const answer = await loopbackRequest(broker, 'GET', '/v1/logins');
  return answer.status === 200 ? (JSON.parse(answer.body.toString('utf8')) as BrokerLogin[]) : null;
}

/** The arguments after `token`, when they are all ones this path knows; else `undefined`. */
function parseTokenArgs(args: readonly string[]): TokenArgs | undefined {
  const parsed: Partial<TokenArgs> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = (): string | undefined => inline ?? args[++i];
    if (name === '--json' && inline === undefined) parsed.json = true;
    else if (name === '--header' && inline === undefined) parsed.header = true;
    else if (name === '--min-valid') {
      const seconds = value();
      if (seconds === undefined || secondsProblem(seconds)) return undefined;
      parsed.minValid = Number(seconds);
    } else if (name === '--user') {
      const user = value();
      if (!user || user.startsWith('-')) return undefined;
      parsed.user = user;
    } else if (!arg.startsWith('-') && parsed.url === undefined && !urlProblem(arg)) parsed.url = normaliseUrl(arg);
    else return undefined;
  }
  return parsed.url === undefined ? undefined : (parsed as TokenArgs);
}
