/**
 * The cluster test (npm run test:cluster): the production shape on the real Temporal server, started by the test
 * itself (scripts/cluster.ts). Its own config, so that neither `npm test` nor `jest --selectProjects …` runs it:
 * it needs the server built (scripts/temporal-server.sh, minutes) and takes minutes itself.
 */
const { projects } = require('./jest.config');
const integration = projects.find((p) => p.displayName === 'integration');

module.exports = {
  ...integration,
  displayName: 'cluster',
  testMatch: ['<rootDir>/test/cluster/**/*.test.ts'],
  globalSetup: undefined,
  globalTeardown: undefined,
  setupFilesAfterEnv: [],
};
