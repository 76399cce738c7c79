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
// --shapes (BENCH_SHAPES, "dev,cluster": the throughput on the dev server, then on the real Temporal server's four
// services on the same PostgreSQL, built once by scripts/temporal-server.sh) and --workers (BENCH_WORKERS, "1,2": the
// cluster runs, each with that many worker and API processes of ours and of the ceiling's workers). An external
// database's cluster run needs BENCH_TEMPORAL_DATABASE_URL (a role that may create Temporal's two databases).
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
import { benchThroughput, type Result as ThroughputResult } from './bench-throughput';
import { ensureClusterTools } from './cluster';
import { provisionTemporalRole, startTemporalCluster, temporalDatabaseFrom, TemporalDatabase } from './temporal-cluster';
import { benchReportComputation } from './bench-report';
import { inboxViews, inter, kari, lars, measure, percentile, startBenchApi } from './bench-http';
import { benchScale, scaleOptions } from './bench-scale';
import { seedOpenCases } from './bench-seed';
import { freePort, startEmbeddedDatabase, startTemporalDevServer, stop, Started } from './services';

const OPEN_TASKS = Number(process.env.BENCH_OPEN_TASKS ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
const CONCURRENCY = 4;
/** `--name value` and `--name=value` from the command line; a flag without a value is 'true'. */
function flags(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([\w-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) throw new Error(`unexpected argument ${argv[i]}: the flags are --only, --cases, --clients, --profile, --shapes, --workers, --scale-cases, --scale-workflows`);
    out[m[1]] = m[2] ?? (argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i] : 'true');
  }
  return out;
}
const FLAGS = flags(process.argv.slice(2));
const PARTS = (FLAGS.only ?? process.env.BENCH_ONLY ?? 'inbox,audit,report,archive,throughput,scale').split(',').map((p) => p.trim());
const THROUGHPUT_CASES = Number(FLAGS.cases ?? process.env.BENCH_CASES ?? 1000);
const THROUGHPUT_CLIENTS = Number(FLAGS.clients ?? process.env.BENCH_CLIENTS ?? 8);
const SHAPES = (FLAGS.shapes ?? process.env.BENCH_SHAPES ?? 'dev,cluster').split(',').map((s) => s.trim());
const CLUSTER_WORKERS = (FLAGS.workers ?? process.env.BENCH_WORKERS ?? '1,2').split(',').map(Number);
for (const s of SHAPES) if (s !== 'dev' && s !== 'cluster') throw new Error(`--shapes: ${s} is neither dev nor cluster`);
for (const n of CLUSTER_WORKERS) if (!Number.isInteger(n) || n < 1) throw new Error(`--workers: ${n} is not a whole number of processes`);


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
  /** Where the cluster's Temporal keeps its databases: a role of the embedded server, or BENCH_TEMPORAL_DATABASE_URL. */
  let temporalDb = async (): Promise<TemporalDatabase> => {
    const u = process.env.BENCH_TEMPORAL_DATABASE_URL;
    if (!u) throw new Error('the cluster shape on an external database needs BENCH_TEMPORAL_DATABASE_URL (or --shapes dev)');
    return temporalDatabaseFrom(u);
  };
  if (!url) {
    const pg = await startEmbeddedDatabase(join(mkdtempSync(join(tmpdir(), 'ke-ip-bench-')), 'pg'), await freePort(), true);
    children.push(pg);
    servers.postgres = pg.process.pid;
    url = pg.appUrl;
    ownerUrl = pg.ownerUrl;
    temporalDb = () => provisionTemporalRole(pg.url);
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
      const runs: ThroughputResult[] = [];
      const common = { ownerUrl: ownerUrl!, appUrl: url, cases: THROUGHPUT_CASES, clients: THROUGHPUT_CLIENTS, profile: FLAGS.profile === 'true' };
      if (SHAPES.includes('dev')) runs.push(await benchThroughput({ ...common, temporal, shape: 'dev server', servers }));
      if (SHAPES.includes('cluster')) {
        ensureClusterTools();
        const cluster = await startTemporalCluster(await temporalDb(), mkdtempSync(join(tmpdir(), 'ke-ip-bench-cluster-')));
        try {
          const pids = Object.fromEntries(Object.values(cluster.services).map((s) => [s.name, s.child?.pid]));
          for (const n of CLUSTER_WORKERS) {
            runs.push(await benchThroughput({ ...common, temporal: cluster.address, shape: 'cluster', workers: n, apis: n, servers: { postgres: servers.postgres, ...pids } }));
          }
        } finally {
          await cluster.stop();
        }
      }
      printShapes(runs);
    }
    if (PARTS.includes('scale')) await benchScale({ ownerUrl: ownerUrl!, appUrl: url, temporal, servers, ...scaleOptions(FLAGS) });
  } finally {
    for (const c of children.reverse()) await stop(c.process);
  }
}

/** The closing table: each shape's ratio, and what a second worker process (with a second API) adds on the cluster. */
function printShapes(runs: ThroughputResult[]) {
  if (!runs.length) return;
  const one = runs.find((r) => r.shape === 'cluster' && r.workers === 1);
  const cpu = (r: ThroughputResult) => Object.values(r.product.cpuPerTransition).reduce((s, x) => s + x, 0) * 1000;
  console.log(`\nthroughput by shape (${runs[0].cases} cases, ${runs[0].clients} clients; trans/s)`);
  console.log('shape'.padEnd(14) + 'workers'.padStart(8) + 'apis'.padStart(6) + 'ceiling'.padStart(9) + 'product'.padStart(9) + 'ratio'.padStart(7) +
    'event p95 ms'.padStart(14) + 'CPU ms/trans'.padStart(14) + 'scale-out'.padStart(11));
  for (const r of runs) {
    const events = r.product.latencyByRoute['POST /cases/:id/events'];
    const gain = r.shape === 'cluster' && one && r !== one ? `${(r.product.perSecond / one.product.perSecond).toFixed(2)}×` : '—';
    console.log(r.shape.padEnd(14) + String(r.workers).padStart(8) + String(r.apis).padStart(6) + r.ceiling.perSecond.toFixed(1).padStart(9) +
      r.product.perSecond.toFixed(1).padStart(9) + r.ratio.toFixed(2).padStart(7) + (events ? events.p95.toFixed(0) : '—').padStart(14) +
      cpu(r).toFixed(1).padStart(14) + gain.padStart(11));
  }
  console.log('  (scale-out: the product\'s trans/s with that many processes over its trans/s with one, on the same cluster; on a machine\'s');
  console.log('   fixed cores a second process can only add what one left idle. Targets: ratio ≥ 0.80, event p95 ≤ 50 ms.)');
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
