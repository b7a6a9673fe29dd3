import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isPendingLogin, type BrokerLogin } from '@vobridge/sdk/broker';
import type { BrokerClient } from '../broker/client.js';
import { CliError } from '../errors.js';
import { ExitCode } from '../exitCodes.js';
import { openInBrowser } from '../output/browser.js';
import { note } from '../output/print.js';

// Not `import … from 'node:http'`: an ES import of node:http fills in all of its
// exports, and the lazy `WebSocket` one loads Node's whole fetch implementation
// (undici, with http2 and zlib), about 14 MiB, whether the process ever fetches or not.
const { createServer } = process.getBuiltinModule('node:http');

/** The path the platform sends the browser back to (RFC 8252: any loopback port, a fixed path). */
const CALLBACK_PATH = '/callback';

/**
 * `vobridge login --web`, as `gh auth login --web` does it: the broker starts
 * an authorization-code + PKCE login whose redirect is a one-shot listener on
 * a loopback port of this process; the user signs in with the platform's own
 * pages in their browser, and the code the browser brings back goes to the
 * broker, which redeems it. Nothing but the broker ever holds the code
 * verifier or a token.
 */
export async function webLogin(broker: BrokerClient, url: string, timeoutS: number): Promise<BrokerLogin> {
  let deliver: (query: URLSearchParams) => void = () => undefined;
  const redirected = new Promise<URLSearchParams>((resolve) => (deliver = resolve));
  let expectedState = '';
  const listener = createServer((req, res) => {
    const query = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams;
    if (!isRedirect(req, query, expectedState)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    deliver(query);
    answerBrowser(res);
  });
  await new Promise<void>((resolve, reject) => {
    listener.once('error', reject);
    listener.listen(0, '127.0.0.1', resolve);
  });
  const redirectUri = `http://127.0.0.1:${(listener.address() as AddressInfo).port}${CALLBACK_PATH}`;
  let timer: NodeJS.Timeout | undefined;
  try {
    const started = await broker.startLogin({ method: 'pkce', url, redirect_uri: redirectUri });
    if (!isPendingLogin(started) || !started.authorization_url)
      throw new CliError('the broker did not return a URL to sign in at', ExitCode.FAILED);
    expectedState = new URL(started.authorization_url).searchParams.get('state') ?? '';
    note(`Opening your browser to log in to ${started.platform}.`);
    note(`If it does not open, visit: ${started.authorization_url}`);
    openInBrowser(started.authorization_url);
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new CliError(
              'the browser login was not finished in time',
              ExitCode.TIMEOUT,
              'Run vobridge login --web again, or raise --timeout.',
            ),
          ),
        timeoutS * 1000,
      );
    });
    const query = await Promise.race([redirected, timedOut]);
    await broker.completeLogin(query);
    const login = await broker.login(started.id);
    if (login.state !== 'active')
      throw new CliError(
        `the browser login ${login.state}${login.reason ? `: ${login.reason}` : ''}`,
        ExitCode.AUTH,
        'Run vobridge login --web again.',
      );
    return login;
  } finally {
    clearTimeout(timer);
    // Let the browser's page be written before the listener goes.
    await new Promise((resolve) => setTimeout(resolve, 50));
    listener.closeAllConnections();
    listener.close();
  }
}

/** Only the redirect of this login counts: its path, a GET, and the state it was started with. */
function isRedirect(req: IncomingMessage, query: URLSearchParams, state: string): boolean {
  return (
    req.method === 'GET' &&
    new URL(req.url ?? '/', 'http://127.0.0.1').pathname === CALLBACK_PATH &&
    state !== '' &&
    query.get('state') === state
  );
}

/** A fixed page for the browser: nothing from the request is reflected into it. */
function answerBrowser(res: ServerResponse): void {
  res
    .writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'none'",
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    })
    .end(
      '<!DOCTYPE html><html><head><meta charset="utf-8"><title>vobridge</title></head><body><p>vobridge got the sign-in. Go back to your terminal; you can close this tab.</p></body></html>',
    );
}
