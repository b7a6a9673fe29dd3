import process from 'node:process';
import { jestConfig } from '../scripts/jest-preset.mjs';

// The published-package test installs from a throw-away registry; it runs as its own `npm test`
// step (scripts/test.sh), alone, so no other suite's load or ports can stall its installs.
const published = '/packaging/published\\.test\\.ts$';

export default jestConfig({
  testMatch: ['<rootDir>/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', ...(process.env.VOBRIDGE_PUBLISHED_TEST === '1' ? [] : [published])],
});
