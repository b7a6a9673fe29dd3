import {
  BROKER_NONCE_HEADER,
  BROKER_PROOF_HEADER,
  BROKER_PROOF_SCHEME,
  brokerRequestProof,
  brokerResponseProof,
  newBrokerNonce,
} from '@vobridge/sdk/broker-proof';

// Not `import … from 'node:http'`: an ES module importing node:http makes Node build all of its
// exports, about 25 ms of a `vobridge token` that should take little more than Node's own start.
const { request: httpRequest } = process.getBuiltinModule('node:http');

/** Where a broker listens and the secret it wants. */
export interface BrokerEndpoint {
  /** Base URL, `http://127.0.0.1:<port>`. */
  url: string;
  /** Shared secret; proven to the broker, never sent. */
  secret: string;
}

/** A broker answer, read whole. */
export interface LoopbackAnswer {
  status: number;
  contentType?: string;
  body: Buffer<ArrayBuffer>;
}

/** Longest broker answer read (logins and sessions lists are small). */
const MAX_BODY = 4 * 1024 * 1024;

/** Something answered at the broker's address without proving it holds the secret. */
export class NotTheBrokerError extends Error {
  constructor(origin: string) {
    super(`what answers at ${origin} could not prove it is the vobridge broker (no proof of the secret)`);
  }
}

/**
 * One request to the broker over loopback with node:http rather than the
 * global fetch, which adds `Sec-Fetch-*` headers the broker refuses as coming
 * from a browser (and costs a shell command a fifth of its run time to load).
 * The secret is never sent: the request carries an HMAC of a fresh nonce under
 * it, and an answer without the broker's proof of that nonce is refused, so
 * whatever listens on a dead broker's address learns nothing and can plant
 * nothing.
 */
export function loopbackRequest(
  endpoint: BrokerEndpoint,
  method: string,
  pathAndQuery: string,
  headers: Record<string, string> = {},
  body?: Buffer,
): Promise<LoopbackAnswer> {
  const target = new URL(pathAndQuery, endpoint.url);
  const nonce = newBrokerNonce();
  const sent: Record<string, string> = {
    ...headers,
    authorization: `${BROKER_PROOF_SCHEME} ${brokerRequestProof(endpoint.secret, nonce, method, `${target.pathname}${target.search}`)}`,
    [BROKER_NONCE_HEADER]: nonce,
  };
  if (body !== undefined) sent['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const req = httpRequest(target, { method, headers: sent }, (res) => {
      if (res.headers[BROKER_PROOF_HEADER] !== brokerResponseProof(endpoint.secret, nonce)) {
        res.resume();
        reject(new NotTheBrokerError(target.origin));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY) req.destroy(new Error('broker answer too large'));
        else chunks.push(chunk);
      });
      res.on('end', () => {
        const type = res.headers['content-type'];
        resolve({
          status: res.statusCode ?? 502,
          ...(type === undefined ? {} : { contentType: type }),
          body: Buffer.concat(chunks),
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
