// `@vobridge/broker/runtime`: how a local program finds the running broker,
// without loading the broker itself (a command that only reads the runtime
// file should start as fast as Node does).
export { defaultRuntimeFile, RUNTIME_FILE_NAME } from './paths.js';
export { readRuntimeFile, type RuntimeInfo } from './runtime-info.js';
