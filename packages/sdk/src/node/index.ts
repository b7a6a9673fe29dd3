// `@vobridge/sdk/node`: what needs the file system, kept out of the
// browser-safe main entry.
export * from '../vospace/node/index.js';
export { writeFileAtomic, type AtomicWriteOptions } from './atomic-file.js';
