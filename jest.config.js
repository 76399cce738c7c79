/**
 * Pure unit tests; integration tests against real Temporal and PostgreSQL; and the fault tests (`npm run test:faults`,
 * not part of `npm test`), which start and kill their own servers.
 */
const base = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  // jose ships ESM only: let ts-jest compile it to CommonJS like our own code.
  transform: { '^.+\\.(t|j)s$': ['ts-jest', { diagnostics: false, tsconfig: { allowJs: true, isolatedModules: true } }] },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
};
module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.test.ts', '<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/integration-timeout.ts'],
    },
    { ...base, displayName: 'faults', testMatch: ['<rootDir>/test/faults/**/*.faults.test.ts'] },
  ],
};
