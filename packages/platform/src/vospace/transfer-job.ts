// VOSpace transfers as UWS jobs. A job's `jobInfo` is the transfer document
// the client sent. Push and pull transfers negotiate: the job checks the
// target and stores `transferDetails`, the same document with one endpoint
// per protocol it can serve. Move and copy (direction = a node URI) do the
// work inside the store. Failures end the job in ERROR with the bare VOSpace
// fault name, which `vos` maps to an errno.

import { parseTransfer, serializeTransfer, VOS_PROTOCOL, type Protocol, type Transfer } from '@vobridge/sdk';
import { JobFailure, type JobType } from '../uws/job-type.js';
import { VospaceFault } from './faults.js';
import { InvalidPathError, formatNodePath, parentOf, type NodePath } from './path.js';
import type { NodeStore } from './store.js';
import { parseNodeUri } from './uri.js';

/** Job list name of VOSpace transfers. */
export const TRANSFERS = 'transfers';

/** Result id of a negotiated transfer. */
export const TRANSFER_DETAILS = 'transferDetails';

const PUT_PROTOCOLS: readonly string[] = [VOS_PROTOCOL.httpPut, VOS_PROTOCOL.httpsPut];
const GET_PROTOCOLS: readonly string[] = [VOS_PROTOCOL.httpGet, VOS_PROTOCOL.httpsGet];

/** What a transfer job needs from the VOSpace service. */
export interface TransferJobOptions {
  store: NodeStore;
  /** Absolute URL of the data endpoint for a node. */
  dataUrl(path: NodePath): string;
}

/**
 * Checks a transfer document before a job is created for it: well-formed,
 * target and (for move/copy) destination inside `owner`'s space. Returns the
 * parsed transfer; throws {@link VospaceFault}.
 */
export function checkTransfer(xml: string, owner: string): Transfer {
  let transfer: Transfer;
  try {
    transfer = parseTransfer(xml);
  } catch (err) {
    throw new VospaceFault('InvalidArgument', `not a VOSpace transfer document (${(err as Error).message})`);
  }
  ownNode(transfer.target, owner);
  if (!isNegotiation(transfer.direction)) ownNode(transfer.direction, owner);
  return transfer;
}

/** The `transfers` job type. */
export function transferJob(options: TransferJobOptions): JobType {
  return {
    name: TRANSFERS,
    validate() {
      // Transfers take their input from the transfer document, checked by `checkTransfer`.
    },
    async run(job) {
      if (job.jobInfo === undefined) throw new JobFailure('InvalidArgument');
      try {
        const transfer = checkTransfer(job.jobInfo, job.owner);
        const target = ownNode(transfer.target, job.owner);
        if (transfer.direction === 'pushToVoSpace') {
          await checkPushTarget(options.store, target);
          await job.addResult(TRANSFER_DETAILS, 'text/xml', details(transfer, PUT_PROTOCOLS, options.dataUrl(target)));
        } else if (transfer.direction === 'pullFromVoSpace') {
          const info = await options.store.stat(target);
          if (info.kind !== 'data') throw new VospaceFault('InvalidArgument', 'only data nodes can be pulled');
          await job.addResult(TRANSFER_DETAILS, 'text/xml', details(transfer, GET_PROTOCOLS, options.dataUrl(target)));
        } else if (isNegotiation(transfer.direction)) {
          throw new VospaceFault('OperationNotSupported', `direction ${transfer.direction} is not supported`);
        } else {
          const destination = ownNode(transfer.direction, job.owner);
          if (transfer.keepBytes === false) await options.store.move(target, destination);
          else await options.store.copy(target, destination);
        }
      } catch (err) {
        if (err instanceof VospaceFault) throw new JobFailure(err.fault);
        throw err;
      }
    },
  };
}

/** The node a `vos://` URI names, which must be in `owner`'s space (others' look absent). */
function ownNode(uri: string, owner: string): NodePath {
  let path: NodePath;
  try {
    path = parseNodeUri(uri);
  } catch (err) {
    if (err instanceof InvalidPathError) throw new VospaceFault('InvalidURI', err.message);
    throw err;
  }
  if (path.segments[0] !== owner) throw new VospaceFault('NodeNotFound', `${formatNodePath(path)} does not exist`);
  return path;
}

function isNegotiation(direction: string): boolean {
  return !direction.startsWith('vos://');
}

async function checkPushTarget(store: NodeStore, target: NodePath): Promise<void> {
  if (target.segments.length < 2) throw new VospaceFault('PermissionDenied', 'data goes inside a home container');
  const existing = await store.stat(target).catch((err: unknown) => {
    if (err instanceof VospaceFault && err.fault === 'NodeNotFound') return undefined;
    throw err;
  });
  if (existing?.kind === 'container')
    throw new VospaceFault('InvalidArgument', 'cannot push data into a container node');
  if (existing === undefined) {
    const parent = await store.stat(parentOf(target)).catch(() => undefined);
    if (parent?.kind !== 'container')
      throw new VospaceFault('ContainerNotFound', `${formatNodePath(parentOf(target))} does not exist`);
  }
}

/**
 * The negotiated transfer: each requested protocol the platform serves gets
 * the data endpoint, keeping the security methods the client named (the
 * endpoint takes the same credentials as the rest of the service). A
 * request naming no protocol gets every one.
 */
function details(transfer: Transfer, served: readonly string[], endpoint: string): string {
  const requested = transfer.protocols.length > 0 ? transfer.protocols : served.map((uri): Protocol => ({ uri }));
  const protocols = requested
    .filter((p) => served.includes(p.uri))
    .map((p): Protocol => ({
      uri: p.uri,
      endpoint,
      ...(p.securityMethods ? { securityMethods: p.securityMethods } : {}),
    }));
  if (protocols.length === 0)
    throw new VospaceFault('ProtocolNotSupported', 'none of the requested protocols is served');
  return serializeTransfer({ target: transfer.target, direction: transfer.direction, protocols, version: '2.1' });
}
