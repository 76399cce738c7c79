// `npm run bench`: the task inbox's latency over HTTP with 100k open tasks in PostgreSQL, then the audit trail's append
// rate against PostgreSQL's plain insert rate (bench-audit.ts), then the internal-control report's computation time
// with 10k and 100k cases in one municipality (bench-report.ts), then the archive delivery's rate and catch-up (bench-archive.ts),
// then the product's throughput against a bare-Temporal ceiling (bench-throughput.ts), then the read model's latencies at
// 10k … 100k open cases and the running workflows the worker carries (bench-scale.ts).
// Prints EXPLAIN (ANALYZE, BUFFERS) of the inbox queries and p50/p95/p99 per inbox view. Not a test: it asserts nothing.
// Starts its own embedded PostgreSQL and Temporal dev server (the API and the report's template cases need Temporal), or uses
// BENCH_DATABASE_URL (the application role) with BENCH_MIGRATION_DATABASE_URL (the schema owner, which seeds) / TEMPORAL_ADDRESS. Sizes: BENCH_OPEN_TASKS (100000), BENCH_REQUESTS (400 per view),
// BENCH_REPORT_CASES ("10000,100000"). BENCH_ONLY=inbox,audit,report,archive,throughput,scale (any of them) runs only those parts.
// Flags after `--`: --only (as BENCH_ONLY),
// --cases (BENCH_CASES, 1000) and --clients (BENCH_CLIENTS, 8) for the throughput, --profile (its CPU profiles),
// --scale-cases (BENCH_SCALE_CASES, "10000,25000,50000,100000") and --scale-workflows (BENCH_SCALE_WORKFLOWS) for the scale part.
import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { inboxQuery } from '../apps/api/src/tasks/tasks.queries';
import type { TaskQueryDto } from '../apps/api/src/tasks/dto/task-query.dto';
import type { Principal } from '../libs/auth/src';
import { osloDateOf } from '../libs/calendar/src/civil-date';
import { appRoleName, migrate, openDataSource } from '../libs/persistence/src';
import { benchArchiveDelivery } from './bench-archive';
import { benchAuditAppend } from './bench-audit';
import { inboxViews, inter, kari, lars, measure, percentile, startBenchApi } from './bench-http';
import { benchScale, scaleOptions } from './bench-scale';
import { seedOpenCases } from './bench-seed';
import { benchThroughput } from './bench-throughput';
import { benchReportComputation } from './bench-report';
import { freePort, startEmbeddedDatabase, startTemporalDevServer, stop, Started } from './services';

const OPEN_TASKS = Number(process.env.BENCH_OPEN_TASKS ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
const CONCURRENCY = 4;
/** `--name value` and `--name=value` from the command line; a flag without a value is 'true'. */
function flags(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([\w-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) throw new Error(`unexpected argument ${argv[i]}: the flags are --only, --cases, --clients, --profile, --scale-cases, --scale-workflows`);
    out[m[1]] = m[2] ?? (argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i] : 'true');
  }
  return out;
}
const FLAGS = flags(process.argv.slice(2));
const PARTS = (FLAGS.only ?? process.env.BENCH_ONLY ?? 'inbox,audit,report,archive,throughput,scale').split(',').map((p) => p.trim());
const THROUGHPUT_CASES = Number(FLAGS.cases ?? process.env.BENCH_CASES ?? 1000);
const THROUGHPUT_CLIENTS = Number(FLAGS.clients ?? process.env.BENCH_CLIENTS ?? 8);
async function seed(db: Awaited<ReturnType<typeof openDataSource>>) {
  const cases = OPEN_TASKS / 4;
  console.log(`seeding ${cases} cases, ${OPEN_TASKS} open and ${OPEN_TASKS} closed tasks, ${cases * 2} deadlines ...`);
  const t0 = performance.now();
  await db.query(`TRUNCATE ip_case, case_task, case_deadline`);
  await seedOpenCases(db, 1, cases);
  await db.query('VACUUM (ANALYZE)'); // autovacuum's steady state: visibility map set, so index-only scans are possible
  console.log(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

async function explain(db: Awaited<ReturnType<typeof openDataSource>>) {
  const today = osloDateOf(Date.now());
  const views: [string, Principal, TaskQueryDto][] = [
    ['caseworker inbox, by due date', kari, {}],
    ["caseworker: my role's unassigned", kari, { unassigned: true }],
    ['leader inbox, by priority', lars, { sort: 'priority' }],
    ['inter-municipal KE (3 municipalities)', inter, {}],
  ];
  for (const [name, p, q] of views) {
    const query = inboxQuery(p, q, today);
    for (const [part, sql] of [['page', query.page], ['counts', query.counts]] as const) {
      const plan: { 'QUERY PLAN': string }[] = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql.sql}`, sql.params);
      console.log(`\n--- EXPLAIN ${name} (${part}) ---\n${plan.map((r) => r['QUERY PLAN']).join('\n')}`);
    }
  }
}

async function main() {
  const children: Started[] = [];
  const servers: { postgres?: number; temporal?: number } = {};
  let url = process.env.BENCH_DATABASE_URL;
  let ownerUrl = process.env.BENCH_MIGRATION_DATABASE_URL;
  if (!url) {
    const pg = await startEmbeddedDatabase(join(mkdtempSync(join(tmpdir(), 'ke-ip-bench-')), 'pg'), await freePort(), true);
    children.push(pg);
    servers.postgres = pg.process.pid;
    url = pg.appUrl;
    ownerUrl = pg.ownerUrl;
  } else if (!ownerUrl) {
    throw new Error('BENCH_DATABASE_URL is set but BENCH_MIGRATION_DATABASE_URL is not: set both, the application role and the schema owner');
  }
  let temporal = process.env.TEMPORAL_ADDRESS;
  if (!temporal) {
    const t = await startTemporalDevServer(await freePort());
    children.push(t);
    servers.temporal = t.process.pid;
    temporal = t.url;
  }
  try {
    await migrate(ownerUrl!, appRoleName());
    if (PARTS.includes('inbox')) await benchInbox(ownerUrl!, url, temporal);
    if (PARTS.includes('audit')) await benchAuditAppend(ownerUrl!, url);
    if (PARTS.includes('report')) await benchReportComputation(ownerUrl!, url, temporal);
    if (PARTS.includes('archive')) await benchArchiveDelivery(url, temporal);
    if (PARTS.includes('throughput')) {
      await benchThroughput({ ownerUrl: ownerUrl!, appUrl: url, temporal, cases: THROUGHPUT_CASES, clients: THROUGHPUT_CLIENTS, profile: FLAGS.profile === 'true', servers });
    }
    if (PARTS.includes('scale')) await benchScale({ ownerUrl: ownerUrl!, appUrl: url, temporal, servers, ...scaleOptions(FLAGS) });
  } finally {
    for (const c of children.reverse()) await stop(c.process);
  }
}

async function benchInbox(ownerUrl: string, url: string, temporal: string) {
  // Seeding truncates and bulk-loads: the owner's work. The API below connects as the application role.
  const db = await openDataSource(ownerUrl);
  await seed(db);
  await explain(db);
  const api = await startBenchApi(url, temporal);
  const [open] = await db.query(`SELECT count(*)::int AS n FROM case_task WHERE status IN ('OPEN','CLAIMED')`);
  console.log(`\ninbox latency over HTTP: ${open.n} open tasks, ${REQUESTS} requests per view, ${CONCURRENCY} concurrent\n`);
  console.log('view'.padEnd(48) + 'p50 ms'.padStart(9) + 'p95 ms'.padStart(9) + 'p99 ms'.padStart(9));
  const first = await api.get<{ nextCursor: string }>(kari, '/tasks?limit=50');
  const views = inboxViews(first.nextCursor);
  for (const [name, p, path] of views) {
    const times = await measure(api.base, await api.issuer.mint(p), path, REQUESTS, CONCURRENCY);
    console.log(name.padEnd(48) + [50, 95, 99].map((q) => percentile(times, q).toFixed(1).padStart(9)).join(''));
  }
  await api.close();
  await db.destroy();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
