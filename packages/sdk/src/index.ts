export {};
export * from './errors.js';
export * from './auth/index.js';
