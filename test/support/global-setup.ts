// Starts real PostgreSQL (embedded) and a real Temporal dev server (in memory) once for the integration suite,
// migrates the schema, and hands the addresses to the test files through the environment.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../../libs/persistence/src/data-source';
import { freePort, startEmbeddedPostgres, startTemporalDevServer } from '../../scripts/services';

export default async function globalSetup(): Promise<void> {
  const g = globalThis as Record<string, unknown>;
  if (!process.env.TEST_DATABASE_URL) {
    const dir = mkdtempSync(join(tmpdir(), 'ke-ip-test-'));
    const pg = await startEmbeddedPostgres(join(dir, 'pg'), await freePort(), true);
    g.__pg = pg.process;
    process.env.TEST_DATABASE_URL = pg.url;
  }
  await migrate(process.env.TEST_DATABASE_URL);
  if (!process.env.TEST_TEMPORAL_ADDRESS) {
    // Workers of finished test files leave task queues behind; the server's notes about them are noise here.
    const temporal = await startTemporalDevServer(await freePort(), undefined, undefined, process.env.TEMPORAL_LOG_LEVEL ?? 'never');
    g.__temporal = temporal.process;
    process.env.TEST_TEMPORAL_ADDRESS = temporal.url;
  }
}
