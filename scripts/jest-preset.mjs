// Shared Jest setup for the TypeScript packages. Tests run as native ESM
// (jose 6, openapi-fetch and oidc-provider ship ESM only), so Jest is started
// with --experimental-vm-modules and ts-jest only transpiles: type checking is
// the `lint` task's job (tsc --noEmit), which keeps test start-up fast.

/** @param {Partial<import('jest').Config>} overrides */
export function jestConfig(overrides = {}) {
  return {
    testEnvironment: 'node',
    extensionsToTreatAsEsm: ['.ts'],
    moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
    transform: {
      '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: { isolatedModules: true }, diagnostics: false }],
    },
    testMatch: ['<rootDir>/test/**/*.test.ts'],
    testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    testTimeout: 30_000,
    ...overrides,
  };
}
