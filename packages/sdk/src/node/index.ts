// `@vobridge/sdk/node`: what needs the file system, kept out of the
// browser-safe main entry.
export * from '../vospace/node/index.js';
export { writeFileAtomic, type AtomicWriteOptions } from './atomic-file.js';
export {
  BROKER_NONCE_HEADER,
  BROKER_PROOF_HEADER,
  BROKER_PROOF_SCHEME,
  brokerRequestProof,
  brokerResponseProof,
  newBrokerNonce,
} from './broker-proof.js';
