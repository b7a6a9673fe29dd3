export * from './types.js';
export { parseNode, serializeNode, parseTransfer, serializeTransfer } from './codec.js';
export { Md5 } from './md5.js';
export {
  VoSpaceClient,
  redactEndpoint,
  type VoSpaceClientOptions,
  type GetNodeOptions,
  type TransferProgress,
  type DownloadOptions,
  type Download,
  type UploadSource,
  type UploadOptions,
  type UploadResult,
  type MoveOptions,
} from './client.js';
