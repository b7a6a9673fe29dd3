import type { SessionType } from '@vobridge/sdk';

/** The order of the sidebar's groups (a presentation choice); types not listed come last. */
export const SESSION_GROUP_ORDER: readonly SessionType[] = [
  'firefly',
  'carta',
  'notebook',
  'desktop',
  'headless',
  'contributed',
];
