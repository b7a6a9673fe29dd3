// The platform calling its own services (a cone job storing its table in
// VOSpace as its owner). With `--tls` those services present a certificate
// from the platform's private CA, which Node's fetch does not trust and
// cannot be told to per request without undici's Agent. The calls are small
// and few, so a plain `node:https` request carrying the CA does the job and
// leaves the process-wide trust store alone (the platform may be embedded).

import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';

/** What came back: the status and the body as text. */
export interface OutboundResponse {
  status: number;
  text: string;
}

/** One request and its answer; `signal` aborts it. */
export type OutboundRequest = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<OutboundResponse>;

/**
 * A request function for the platform's own calls that trusts the CA at
 * `caCertPath` besides the system's (none given: the system's only).
 */
export function outboundRequest(caCertPath?: string): OutboundRequest {
  let ca: Promise<string> | undefined;
  return async (url, init) => {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    if (secure && caCertPath !== undefined) ca ??= readFile(caCertPath, 'utf8');
    const extraCa = secure && ca !== undefined ? await ca : undefined;
    return new Promise<OutboundResponse>((resolve, reject) => {
      const options = {
        method: init.method,
        headers:
          init.body === undefined ? init.headers : { ...init.headers, 'content-length': Buffer.byteLength(init.body) },
        ...(init.signal === undefined ? {} : { signal: init.signal }),
      };
      const req = secure
        ? // `ca` replaces Node's bundled roots rather than adding to them, so they are passed along.
          httpsRequest(target, { ...options, ...(extraCa === undefined ? {} : { ca: [...rootCertificates, extraCa] }) })
        : httpRequest(target, options);
      req.on('error', reject);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      });
      req.end(init.body);
    });
  };
}
