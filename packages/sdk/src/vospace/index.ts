export * from './types.js';
export { parseNode, serializeNode, parseTransfer, serializeTransfer } from './codec.js';
