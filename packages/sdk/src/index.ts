export * from './errors.js';
export * from './auth/index.js';
export * from './xml/index.js';
export * from './uws/index.js';
export * from './vospace/index.js';
export * from './gms/index.js';
export * from './sessions/index.js';
export * from './platforms/index.js';
