// Mutual proof of the broker secret without sending it (`openapi/broker.yaml`,
// "Security"): the client proves each request with an HMAC over a fresh nonce,
// the broker answers with an HMAC of that nonce. Used by the broker and the
// CLI; the kernel bridge's `vobridge/proof.py` computes the same bytes.
import { createHmac, randomBytes } from 'node:crypto';

/** Request header carrying the client's fresh nonce. */
export const BROKER_NONCE_HEADER = 'x-vobridge-nonce';
/** Response header carrying the broker's proof. */
export const BROKER_PROOF_HEADER = 'x-vobridge-proof';
/** Authorization scheme of a proven request: `VobridgeProof <mac>`. */
export const BROKER_PROOF_SCHEME = 'VobridgeProof';

/** A fresh random nonce (256 bits, base64url). */
export function newBrokerNonce(): string {
  return randomBytes(32).toString('base64url');
}

/** The client's proof for one request: HMAC-SHA256 over nonce, method and request target (path and query). */
export function brokerRequestProof(secret: string, nonce: string, method: string, target: string): string {
  return createHmac('sha256', secret).update(`vobridge-request\n${nonce}\n${method}\n${target}`).digest('base64url');
}

/** The broker's proof for an answer: HMAC-SHA256 over the client's nonce. */
export function brokerResponseProof(secret: string, nonce: string): string {
  return createHmac('sha256', secret).update(`vobridge-response\n${nonce}`).digest('base64url');
}

// The other half of keeping the secret: it only ever travels to this machine.
export { isLoopbackHost } from '../lib/urls.js';
