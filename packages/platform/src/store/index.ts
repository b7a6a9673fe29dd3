export { writeFileAtomic, writeJsonAtomic, readJsonFile, type AtomicWriteOptions } from './atomic.js';
export { DocumentStore, type DocumentStoreOptions, type Parse } from './document-store.js';
export { RecordStore, type RecordStoreOptions } from './record-store.js';
export { SerialQueue } from './serial.js';
