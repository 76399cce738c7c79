// The product's throughput against a ceiling, on the same Temporal server and PostgreSQL in the same run
// (`npm run bench -- --only throughput --cases 1000 --clients 8`; BENCH_CASES, BENCH_CLIENTS; `--profile` adds CPU profiles).
//
// - The product: N cases through their whole life (notification → decision → consent → coordinator → mapping → plan →
//   evaluation → closure, test/support/case-flows.ts) over the HTTP API, C clients at a time; the API and the worker
//   each their own process, from a build (scripts/bench-throughput/processes.ts).
// - The ceiling: N bare workflows taking as many Updates as a case has transitions, each Update one activity that
//   inserts one row (bench-throughput/ceiling.workflow.ts), driven by the same C clients through the Temporal client.
//
// Prints transitions per second of both and their ratio, the API's latency per route and per event, peak RSS, CPU
// seconds per transition by process, PostgreSQL rows, commits and WAL per transition, SQL statements per transition
// (counted in the processes: bench-throughput/probe.ts), and what a history holds per transition; writes the figures
// to bench-results/throughput-<time>.json. Printed, never asserted.
import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client as PgClient } from 'pg';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, LocalIssuer, Principal } from '../libs/auth/src';
import { TASK_QUEUE, workflowIdForCase } from '../libs/contracts/src';
import { kari, lars, ola } from '../test/support/case-flows';
import { BENCH_ENCRYPTION_KEYS } from './bench-report';
import { CEILING_TABLE } from './bench-throughput/ceiling-worker';
import { printProfile, summarizeProfile, type ProfileSummary } from './bench-throughput/cpu-profile';
import { ceilingCase, CeilingRig, Latencies, lifeEventTypes, onClients, productCase, ProductRig } from './bench-throughput/drive';
import { historyStats } from './bench-throughput/history-stats';
import { pgCounters, perTransition, STATS_SETTLE_MS } from './bench-throughput/pg-stats';
import { buildForBench, Service, startService } from './bench-throughput/processes';
import { cpuOfThreads, cpuOfTrees, machineCpu, memoryOf, RssSampler } from './bench-throughput/proc-stats';
import { Progress } from './bench-throughput/progress';
import { freePort, ROOT } from './services';

export interface ThroughputOptions {
  ownerUrl: string;
  appUrl: string;
  temporal: string;
  cases: number;
  clients: number;
  /** CPU profiles of the API and the worker during the product's run (slows it: its figures are marked) */
  profile: boolean;
  /** the servers' process ids when the bench started them, for their CPU time ('temporal-history', … count as 'temporal') */
  servers: Record<string, number | undefined>;
  /** What Temporal is: 'dev server' (the CLI's, one process) or 'cluster' (the real server's four services). */
  shape: string;
  /** Worker processes of the product, and as many of the ceiling's (default 1). */
  workers?: number;
  /** API processes, the clients spread over them (default 1). */
  apis?: number;
}

/** The process a figure is summed under: a second worker is still 'worker', Temporal's four services are 'temporal'. */
const groupOf = (name: string) => name.replace(/ \d+$/, '').replace(/^temporal-.*/, 'temporal');
const numbered = (name: string, i: number) => (i === 0 ? name : `${name} ${i + 1}`);
function byGroup(values: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(values)) out[groupOf(k)] = (out[groupOf(k)] ?? 0) + v;
  return out;
}

const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));

interface PhaseResult {
  transitions: number;
  seconds: number;
  perSecond: number;
  failures: string[];
  /** CPU seconds per transition by process tree, and how busy the machine was (all cores, other runs included) */
  cpuPerTransition: Record<string, number>;
  /** CPU seconds per transition of the API's and the workers' threads, by thread name */
  threadsPerTransition: Record<string, Record<string, number>>;
  machineBusy: number;
  peakRss: Record<string, number>;
  pg: ReturnType<typeof perTransition>;
  sql?: Record<string, Record<string, { count: number; ms: number }>>;
}

/** Creates the ceiling's table (as the schema owner, in its own schema) for the application role to insert into. */
async function ceilingTable(ownerUrl: string, appRole: string, create: boolean) {
  const c = new PgClient({ connectionString: ownerUrl });
  await c.connect();
  try {
    if (!create) return void (await c.query(`DROP SCHEMA IF EXISTS ke_ip_bench CASCADE`));
    await c.query(`CREATE SCHEMA IF NOT EXISTS ke_ip_bench`);
    await c.query(`CREATE TABLE IF NOT EXISTS ${CEILING_TABLE} (workflow_id text NOT NULL, seq int NOT NULL, event_type text NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (workflow_id, seq))`);
    await c.query(`GRANT USAGE ON SCHEMA ke_ip_bench TO ${appRole}`);
    await c.query(`GRANT INSERT ON ${CEILING_TABLE} TO ${appRole}`);
  } finally {
    await c.end();
  }
}

const appRoleOf = (url: string) => decodeURIComponent(new URL(url).username);

export async function benchThroughput(o: ThroughputOptions): Promise<Result> {
  const eventTypes = lifeEventTypes();
  const transitions = o.cases * eventTypes.length;
  const [nWorkers, nApis] = [o.workers ?? 1, o.apis ?? 1];
  console.log(`\nthroughput on the ${o.shape} (${nWorkers} worker and ${nApis} API processes): ${o.cases} cases of ${eventTypes.length} transitions (${transitions}), ${o.clients} clients; ` +
    `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} cores`);
  const dist = buildForBench();
  await ceilingTable(o.ownerUrl, appRoleOf(o.appUrl), true);
  const issuer = await LocalIssuer.open(mkdtempSync(join(tmpdir(), 'ke-ip-bench-issuer-')));
  const tokens = new Map<string, string>();
  for (const p of [kari, lars, ola]) tokens.set(p.sub, await issuer.mint(p, { expiresIn: '12h' }));
  const run = randomUUID().slice(0, 8);
  const productQueue = `${TASK_QUEUE}-bench-throughput-${run}`;
  const ceilingQueue = `bench-ceiling-${run}`;
  const ports: number[] = [];
  for (let i = 0; i < nApis; i++) ports.push(await freePort());
  const bases = ports.map((p) => `http://127.0.0.1:${p}`);
  const common = {
    DATABASE_URL: o.appUrl, TEMPORAL_ADDRESS: o.temporal, PAYLOAD_ENCRYPTION_KEYS: BENCH_ENCRYPTION_KEYS, TEMPORAL_TASK_QUEUE: productQueue,
    LOG_LEVEL: 'log', NODE_ENV: 'development', AUDIT_CHECKPOINT_KEY_FILE: undefined, AUDIT_CHECKPOINT_PUBLIC_KEYS_FILE: undefined,
  };
  const services: Service[] = [];
  const started = async (s: Promise<Service>) => (services.push(await s), services[services.length - 1]);
  const temporalConnection = await Connection.connect({ address: o.temporal });
  try {
    const workerEnv = (i: number) => ({
      ...common, OIDC_ISSUER: 'unused-by-worker', OIDC_AUDIENCE: 'unused-by-worker', OIDC_JWKS_FILE: '/dev/null', ARCHIVE_TRANSPORT: 'off',
      WORKER_HEARTBEAT_FILE: join(tmpdir(), `ke-ip-bench-worker-${run}-${i}.alive`),
    });
    const apiEnv = (i: number) => ({
      ...common, PORT: String(ports[i]), OIDC_ISSUER: LOCAL_ISSUER, OIDC_AUDIENCE: LOCAL_AUDIENCE, OIDC_JWKS_FILE: issuer.jwksFile,
      // One principal sends every command of its role here: the per-person budget would stop the run, not measure it.
      RATE_LIMIT_REQUESTS: String(1_000_000_000),
    });
    const each = (n: number, make: (i: number) => Promise<Service>) => Promise.all(Array.from({ length: n }, (_, i) => started(make(i))));
    const [workers, apis] = await Promise.all([
      each(nWorkers, (i) => startService(numbered('worker', i), 'apps/worker/src/main.js', workerEnv(i), /polling task queue/)),
      each(nApis, (i) => startService(numbered('api', i), 'apps/api/src/main.js', apiEnv(i), async () => (await fetch(`${bases[i]}/health`)).ok)),
      each(nWorkers, (i) => startService(numbered('ceiling worker', i), 'scripts/bench-throughput/ceiling-worker.js',
        { DATABASE_URL: o.appUrl, TEMPORAL_ADDRESS: o.temporal, TEMPORAL_TASK_QUEUE: ceilingQueue }, /ceiling worker polling/)),
    ]);
    const ours = [...apis, ...workers];
    const startup = Object.fromEntries(services.map((s) => [s.name, memoryOf(s.pid)?.hwm ?? 0]));
    const sampler = new RssSampler(Object.fromEntries(services.map((s) => [s.name, s.pid])));
    const servers = Object.fromEntries(Object.entries(o.servers).filter((e): e is [string, number] => e[1] !== undefined));
    const trees: Record<string, number> = { ...Object.fromEntries(services.map((s) => [s.name, s.pid])), bench: process.pid, ...servers };

    const productRig = (): ProductRig => ({ bases, token: (p: Principal) => tokens.get(p.sub)!, intakeAs: kari, routes: new Latencies(), events: new Latencies(), caseIds: [] });
    const ceilingClient = new Client({ connection: temporalConnection });
    const ceilingRig = (): CeilingRig => ({ client: ceilingClient, taskQueue: ceilingQueue, eventTypes, updates: new Latencies(), workflowIds: [] });
    const runProduct = (rig: ProductRig, n: number) => onClients(n, o.clients, (i) => productCase(rig, i));
    const runCeiling = (rig: CeilingRig, n: number, prefix: string) => onClients(n, o.clients, (i) => ceilingCase(rig, `bench-ceiling-${run}-${prefix}${i}`));

    // Warm-up: JIT, connection pools, the workflow caches; not counted.
    const warm = Math.min(o.cases, Math.max(o.clients, 8));
    console.log(`throughput: warming up (${warm} ceiling workflows, ${warm} cases)`);
    for (const f of [await runCeiling(ceilingRig(), warm, 'warm-'), await runProduct(productRig(), warm)]) if (f.failures.length) throw new Error(`warm-up failed: ${f.failures[0]}`);

    /** One measured phase, between two settled snapshots of PostgreSQL's counters. */
    const phase = async (label: string, go: (p: Progress) => Promise<{ failures: string[] }>, probed: Service[]): Promise<PhaseResult> => {
      await sleep(STATS_SETTLE_MS);
      const pgBefore = await pgCounters(o.ownerUrl);
      for (const s of probed) await s.ask({ type: 'sql-reset' }, 'sql');
      sampler.reset();
      const cpu0 = cpuOfTrees(trees);
      // By thread name, summed over the processes of a kind (two workers' `node threads` are one figure).
      const threadsOf = () => {
        const out: Record<string, Record<string, number>> = {};
        for (const s of services) {
          const into = (out[groupOf(s.name)] ??= {});
          for (const [t, v] of Object.entries(cpuOfThreads(s.pid))) into[t] = (into[t] ?? 0) + v;
        }
        return out;
      };
      const threads0 = threadsOf();
      const m0 = machineCpu();
      const t0 = performance.now();
      const progress = new Progress(label, transitions);
      const { failures } = await go(progress);
      const seconds = (performance.now() - t0) / 1000;
      progress.end();
      const cpu1 = cpuOfTrees(trees);
      const threads1 = threadsOf();
      const m1 = machineCpu();
      const peakRss = sampler.peak();
      const sql = probed.length ? Object.fromEntries(await Promise.all(probed.map(async (s) => [s.name, (await s.ask({ type: 'sql-read' }, 'sql')).statements]))) : undefined;
      const done = progress.count; // the transitions accepted; a failed case's later ones never ran
      await sleep(STATS_SETTLE_MS);
      const pg = perTransition(pgBefore, await pgCounters(o.ownerUrl), done);
      const cpuPerTransition = byGroup(Object.fromEntries(Object.keys(trees).map((k) => [k, (cpu1[k] - cpu0[k]) / done])));
      return {
        transitions: done, seconds, perSecond: done / seconds, failures, cpuPerTransition,
        threadsPerTransition: Object.fromEntries(Object.keys(threads1).map((p) => {
          const byName = Object.fromEntries(Object.keys(threads1[p]).map((t) => [t, (threads1[p][t] - (threads0[p]?.[t] ?? 0)) / done]));
          const live = Object.values(byName).reduce((x, y) => x + y, 0);
          return [p, { ...byName, '(ended threads)': Math.max(0, cpuPerTransition[p] - live) }];
        })),
        machineBusy: (m1.busy - m0.busy) / (m1.total - m0.total), peakRss, pg, sql,
      };
    };

    const ceilingRun = ceilingRig();
    const ceilingResult = await phase('ceiling', (p) => ((ceilingRun.progress = p), runCeiling(ceilingRun, o.cases, '')), []);
    const productRun = productRig();
    let profiles: Record<string, ProfileSummary[]> = {};
    const productResult = await phase('product', async (p) => {
      productRun.progress = p;
      if (o.profile) for (const s of ours) await s.ask({ type: 'profile-start' }, 'profile-started');
      const r = await runProduct(productRun, o.cases);
      if (o.profile) profiles = await takeProfiles(ours);
      return r;
    }, ours);

    const histories = {
      product: await historyStats(new Client({ connection: temporalConnection }), productRun.caseIds.slice(0, 3).map(workflowIdForCase)),
      ceiling: await historyStats(ceilingClient, ceilingRun.workflowIds.slice(0, 3)),
    };
    const hwm = Object.fromEntries(services.map((s) => [s.name, memoryOf(s.pid)?.hwm ?? 0]));
    sampler.stop();

    const result = {
      at: new Date().toISOString(), shape: o.shape, workers: nWorkers, apis: nApis, cases: o.cases, clients: o.clients, transitionsPerCase: eventTypes.length, eventTypes, profiled: o.profile,
      machine: { cores: cpus().length, loadAverageAtEnd: loadavg() }, temporal: o.temporal,
      ceiling: { ...ceilingResult, updateLatency: ceilingRun.updates.summary() },
      product: { ...productResult, latencyByRoute: productRun.routes.summary(), latencyByEvent: productRun.events.summary() },
      ratio: productResult.perSecond / ceilingResult.perSecond,
      rss: { peakSinceStart: hwm, afterStartup: startup },
      histories,
      profiles,
    };
    report(result);
    for (const [name, list] of Object.entries(profiles)) for (const s of list) printProfile(name, s);
    const dir = join(ROOT, 'bench-results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `throughput-${result.at.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify(result, null, 2));
    console.log(`\nthroughput: figures in ${file} (build ${dist})`);
    return result;
  } finally {
    for (const s of services.reverse()) await s.stop();
    await temporalConnection.close();
    await ceilingTable(o.ownerUrl, appRoleOf(o.appUrl), false);
  }
}

async function takeProfiles(of: Service[]): Promise<Record<string, ProfileSummary[]>> {
  const dir = join(ROOT, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const at = new Date().toISOString().replace(/[:.]/g, '-');
  const out: Record<string, ProfileSummary[]> = {};
  for (const s of of) {
    const { files } = await s.ask({ type: 'profile-stop', file: join(dir, `throughput-${at}-${s.name}.cpuprofile`) }, 'profile-stopped');
    out[s.name] = files.map((f) => summarizeProfile(f));
  }
  return out;
}

export type Result = {
  shape: string; workers: number; apis: number;
  cases: number; clients: number; transitionsPerCase: number; profiled: boolean;
  ceiling: PhaseResult & { updateLatency: ReturnType<Latencies['summary']> };
  product: PhaseResult & { latencyByRoute: ReturnType<Latencies['summary']>; latencyByEvent: ReturnType<Latencies['summary']> };
  ratio: number;
  rss: { peakSinceStart: Record<string, number>; afterStartup: Record<string, number> };
  histories: Record<'product' | 'ceiling', Awaited<ReturnType<typeof historyStats>>>;
};

function report(r: Result) {
  const f = (x: number | undefined, d = 1, w = 9) => (x === undefined ? '—' : x.toFixed(d)).padStart(w);
  const procs = ['api', 'worker', 'ceiling worker', 'temporal', 'postgres', 'bench'];
  const short: Record<string, string> = { 'ceiling worker': 'ceil.wkr' };
  console.log(`\nthroughput on the ${r.shape}, ${r.workers} worker and ${r.apis} API processes: ${r.cases} cases × ${r.transitionsPerCase} transitions, ${r.clients} concurrent clients${r.profiled ? ' (product PROFILED: slower than unprofiled)' : ''}\n`);
  console.log('run'.padEnd(26) + 'seconds'.padStart(9) + 'trans/s'.padStart(9) + 'failed'.padStart(8) + '  CPU ms per transition: ' + procs.map((p) => (short[p] ?? p).padStart(9)).join('') + '   machine busy');
  for (const [name, p] of [['ceiling (bare Temporal)', r.ceiling], ['product (HTTP API)', r.product]] as const) {
    console.log(name.padEnd(26) + f(p.seconds) + f(p.perSecond) + String(p.failures.length).padStart(8) + ' '.repeat(25) +
      procs.map((k) => f(p.cpuPerTransition[k] === undefined ? undefined : p.cpuPerTransition[k] * 1000, 2, 9)).join('') + `   ${(100 * p.machineBusy).toFixed(0)} %`);
  }
  console.log(`ratio product / ceiling: ${r.ratio.toFixed(2)} (target ≥ 0.80)`);
  // On a shared machine the rate depends on what else runs; the CPU each transition costs our processes does not.
  const cpu = (p: PhaseResult) => procs.reduce((s, k) => s + (p.cpuPerTransition[k] ?? 0), 0) * 1000;
  const [cc, pc] = [cpu(r.ceiling), cpu(r.product)];
  console.log(`CPU ms per transition, all the bench's processes: ceiling ${cc.toFixed(1)}, product ${pc.toFixed(1)} (ratio ${(cc / pc).toFixed(2)}); ` +
    `with all ${cpus().length} cores to themselves that is ${((1000 * cpus().length) / cc).toFixed(0)} and ${((1000 * cpus().length) / pc).toFixed(0)} transitions/s`);

  for (const [name, p] of [['ceiling', r.ceiling], ['product', r.product]] as const) {
    for (const [proc, threads] of Object.entries(p.threadsPerTransition)) {
      const list = Object.entries(threads).filter(([, v]) => v * 1000 >= 0.05).sort((a, b) => b[1] - a[1]);
      if (list.reduce((x, [, v]) => x + v, 0) * 1000 >= 1) console.log(`  ${name}, ${proc} threads (CPU ms per transition): ${list.map(([t, v]) => `${t} ${(v * 1000).toFixed(2)}`).join(', ')}`);
    }
  }
  console.log('\nlatency ms'.padEnd(38) + 'n'.padStart(7) + 'p50'.padStart(8) + 'p95'.padStart(8) + 'p99'.padStart(8) + 'bytes'.padStart(8));
  const lat = (name: string, s: { n: number; p50: number; p95: number; p99: number; meanBytes: number }) =>
    console.log(name.padEnd(37) + String(s.n).padStart(7) + f(s.p50, 1, 8) + f(s.p95, 1, 8) + f(s.p99, 1, 8) + f(s.meanBytes, 0, 8));
  for (const [route, s] of Object.entries(r.product.latencyByRoute)) lat(route, s);
  for (const [event, s] of Object.entries(r.product.latencyByEvent)) lat(`  ${event}`, s);
  for (const [u, s] of Object.entries(r.ceiling.updateLatency)) lat(`ceiling ${u}`, s);
  const events = r.product.latencyByRoute['POST /cases/:id/events'];
  if (events) console.log(`event command p95 ${events.p95.toFixed(1)} ms (target ≤ 50 ms)`);

  console.log('\npeak RSS MiB'.padEnd(22) + 'VmHWM'.padStart(9) + 'startup'.padStart(9) + 'ceiling'.padStart(9) + 'product'.padStart(9));
  for (const name of Object.keys(r.rss.peakSinceStart)) {
    console.log(name.padEnd(21) + f(r.rss.peakSinceStart[name], 0) + f(r.rss.afterStartup[name], 0) + f(r.ceiling.peakRss[name], 0) + f(r.product.peakRss[name], 0));
  }
  console.log('  (VmHWM: the peak since the process started; startup: VmHWM once ready; ceiling/product: the largest VmRSS sampled in that run)');

  console.log('\nPostgreSQL per transition'.padEnd(34) + 'ceiling'.padStart(10) + 'product'.padStart(10));
  const pgRow = (name: string, k: 'rowsWritten' | 'inserted' | 'updated' | 'deleted' | 'databaseRowsWritten' | 'commits' | 'rollbacks' | 'walBytes', d = 2) =>
    console.log(name.padEnd(33) + f(r.ceiling.pg[k], d, 10) + f(r.product.pg[k], d, 10));
  pgRow('rows written (application tables)', 'rowsWritten');
  pgRow('  inserted', 'inserted');
  pgRow('  updated', 'updated');
  pgRow('  deleted', 'deleted');
  pgRow('rows written (whole database)', 'databaseRowsWritten');
  pgRow('transactions committed', 'commits');
  pgRow('WAL bytes', 'walBytes', 0);
  console.log('  product, by table (ins / upd / del per transition):');
  for (const [t, v] of Object.entries(r.product.pg.tables).sort((a, b) => b[1].ins + b[1].upd + b[1].del - (a[1].ins + a[1].upd + a[1].del))) {
    console.log(`    ${t.padEnd(30)}${f(v.ins, 2, 7)}${f(v.upd, 2, 7)}${f(v.del, 2, 7)}`);
  }

  if (r.product.sql) {
    console.log('\nSQL statements per transition (counted in the processes)'.padEnd(50) + 'count'.padStart(9) + 'ms'.padStart(9));
    for (const [proc, stmts] of Object.entries(r.product.sql)) {
      const list = Object.entries(stmts).sort((a, b) => b[1].count - a[1].count);
      const total = list.reduce((s, [, v]) => ({ count: s.count + v.count, ms: s.ms + v.ms }), { count: 0, ms: 0 });
      console.log(`  ${proc}`.padEnd(49) + f(total.count / r.product.transitions, 2) + f(total.ms / r.product.transitions, 2));
      for (const [k, v] of list) console.log(`    ${k}`.padEnd(49) + f(v.count / r.product.transitions, 2) + f(v.ms / r.product.transitions, 2));
    }
  }

  console.log('\nTemporal history per transition (3 workflows each)'.padEnd(50) + 'ceiling'.padStart(10) + 'product'.padStart(10));
  const per = (h: Result['histories']['product'], k: string) => (h.events[k] ?? 0) / r.transitionsPerCase;
  const kinds = [...new Set([...Object.keys(r.histories.ceiling.events), ...Object.keys(r.histories.product.events)])].sort();
  const all = (h: Result['histories']['product']) => Object.values(h.events).reduce((s, x) => s + x, 0) / r.transitionsPerCase;
  console.log('  events'.padEnd(49) + f(all(r.histories.ceiling), 2, 10) + f(all(r.histories.product), 2, 10));
  for (const k of kinds) console.log(`    ${k}`.padEnd(49) + f(per(r.histories.ceiling, k), 2, 10) + f(per(r.histories.product, k), 2, 10));
  const bytes = (h: Result['histories']['product']) => Object.values(h.payloadBytes).reduce((s, x) => s + x, 0) / r.transitionsPerCase;
  console.log('  payload bytes'.padEnd(49) + f(bytes(r.histories.ceiling), 0, 10) + f(bytes(r.histories.product), 0, 10));
  for (const k of Object.keys(r.histories.product.payloadBytes).sort()) {
    console.log(`    ${k}`.padEnd(49) + f((r.histories.ceiling.payloadBytes[k] ?? 0) / r.transitionsPerCase, 0, 10) + f(r.histories.product.payloadBytes[k] / r.transitionsPerCase, 0, 10));
  }
  console.log('  history bytes'.padEnd(49) + f(r.histories.ceiling.historyBytes / r.transitionsPerCase, 0, 10) + f(r.histories.product.historyBytes / r.transitionsPerCase, 0, 10));
  const failures = [...r.ceiling.failures, ...r.product.failures];
  if (failures.length) console.log(`\nfailures (${failures.length}), first: ${failures[0]}`);
}
