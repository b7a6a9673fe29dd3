import { jestConfig } from '../scripts/jest-preset.mjs';

export default jestConfig({ testMatch: ['<rootDir>/**/*.test.ts'], testPathIgnorePatterns: ['/node_modules/'] });
