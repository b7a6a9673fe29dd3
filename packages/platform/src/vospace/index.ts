export { vospaceRouter, VOSPACE_AUTHORITY, VOSPACE_STANDARD } from './router.js';
export {
  NodeStore,
  type NodeInfo,
  type NodeKind,
  type NodeReader,
  type NodeStoreOptions,
  type UploadExpectations,
  type ByteRange,
} from './store.js';
export { parseNodePath, formatNodePath, InvalidPathError, type NodePath } from './path.js';
export { parseNodeUri, formatNodeUri } from './uri.js';
export { VospaceFault, type VospaceFaultName } from './faults.js';
export { transferJob, checkTransfer, TRANSFERS, TRANSFER_DETAILS, type TransferJobOptions } from './transfer-job.js';
