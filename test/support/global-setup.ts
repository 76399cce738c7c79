// Starts real PostgreSQL (embedded) and a real Temporal dev server (in memory) once for the integration suite,
// migrates the schema, and hands the addresses to the test files through the environment.
// PostgreSQL has the roles of production: TEST_MIGRATION_DATABASE_URL is the schema owner the migrations run as,
// TEST_DATABASE_URL the application role every API, worker and harness of the tests connects as.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../../libs/persistence/src/data-source';
import { appRoleName } from '../../libs/persistence/src/roles';
import { freePort, startEmbeddedDatabase, startTemporalDevServer } from '../../scripts/services';

export default async function globalSetup(): Promise<void> {
  const g = globalThis as Record<string, unknown>;
  if (!process.env.TEST_DATABASE_URL) {
    const dir = mkdtempSync(join(tmpdir(), 'ke-ip-test-'));
    const pg = await startEmbeddedDatabase(join(dir, 'pg'), await freePort(), true);
    g.__pg = pg.process;
    process.env.TEST_DATABASE_URL = pg.appUrl;
    process.env.TEST_MIGRATION_DATABASE_URL = pg.ownerUrl;
  } else if (!process.env.TEST_MIGRATION_DATABASE_URL) {
    throw new Error('TEST_DATABASE_URL is set but TEST_MIGRATION_DATABASE_URL is not: set both, the application role and the schema owner');
  }
  await migrate(process.env.TEST_MIGRATION_DATABASE_URL!, appRoleName());
  if (!process.env.TEST_TEMPORAL_ADDRESS) {
    // Workers of finished test files leave task queues behind; the server's notes about them are noise here.
    const temporal = await startTemporalDevServer(await freePort(), undefined, undefined, process.env.TEMPORAL_LOG_LEVEL ?? 'never');
    g.__temporal = temporal.process;
    process.env.TEST_TEMPORAL_ADDRESS = temporal.url;
  }
}
