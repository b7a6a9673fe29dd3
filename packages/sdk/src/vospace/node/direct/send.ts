// A data request on a connection of its own (http1.ts), with what the fetch
// path gets from createAuthFetch: the credential of each hop's origin and no
// other, redirects followed, and one retry with a refreshed credential after
// a 401.
import type { DirectCredentials } from '../../../auth/fetch/auth-fetch.js';
import { parseChallenges } from '../../../auth/challenges/parse.js';
import { errorFromResponse, ProtocolError } from '../../../errors.js';
import { DEFAULT_MAX_REDIRECTS } from '../../../lib/redirects.js';
import { isRedirect } from '../../../lib/request.js';
import { redactEndpoint } from '../../client.js';
import { exchange, type BodySink, type ExchangeControl, type Http1Head, type Http1Request } from './http1.js';

/** An error body is kept up to this size, for the error's detail. */
const MAX_ERROR_BODY = 64 * 1024;

/**
 * Sends `request` until a 2xx answer, whose body goes to the sink `accept`
 * returns. `credentials` undefined: none are sent.
 *
 * @throws the typed error of a non-2xx answer (`errorFromResponse`), with
 *   the endpoint redacted; {@link ProtocolError} after too many redirects, on
 *   a redirect to a non-HTTP URL, or one that would turn an upload into a GET.
 */
export async function sendDirect(
  request: Http1Request,
  accept: (head: Http1Head) => BodySink,
  credentials: DirectCredentials | undefined,
  control: ExchangeControl,
): Promise<Http1Head> {
  let url = request.url;
  let refreshed = false;
  for (let hop = 0; ;) {
    const found = credentials ? await credentials.headersFor(url) : undefined;
    const kept: Buffer[] = [];
    let keptBytes = 0;
    const head = await exchange(
      { ...request, url, headers: { ...request.headers, ...found?.headers } },
      (h) => {
        if (h.status >= 200 && h.status < 300) return accept(h);
        return {
          write(chunk) {
            const piece = chunk.subarray(0, MAX_ERROR_BODY - keptBytes);
            keptBytes += piece.length;
            if (piece.length > 0) kept.push(Buffer.from(piece));
          },
        };
      },
      control,
    );
    if (head.status >= 200 && head.status < 300) return head;

    const location = head.headers.get('location');
    if (isRedirect(head.status) && location !== undefined) {
      if (++hop > DEFAULT_MAX_REDIRECTS)
        throw new ProtocolError(
          `Too many redirects (more than ${DEFAULT_MAX_REDIRECTS}) starting from ${request.url.origin}.`,
        );
      const next = URL.canParse(location, url) ? new URL(location, url) : undefined;
      if (next?.protocol !== 'https:' && next?.protocol !== 'http:')
        throw new ProtocolError(`Refusing to follow a redirect from ${url.origin} to a non-HTTP location.`);
      if (request.method !== 'GET' && head.status !== 307 && head.status !== 308)
        throw new ProtocolError(
          `${url.origin} answered an upload with a redirect (${head.status}) that would drop its body.`,
        );
      url = next;
      continue;
    }
    if (head.status === 401 && found?.credential?.refresh && !refreshed) {
      refreshed = true;
      await credentials!.refresh(found.credential);
      continue;
    }
    const headers: [string, string][] = [...head.headers];
    const answer = new Response(head.status === 204 || head.status === 304 ? null : Buffer.concat(kept), {
      status: head.status,
      headers,
    });
    throw await errorFromResponse(
      answer,
      redactEndpoint(url.href),
      parseChallenges(head.headers.get('www-authenticate') ?? null),
    );
  }
}
