// The scale part of `npm run bench` (--only scale): the read model grown to 10k, 25k, 50k and 100k open cases
// (--scale-cases / BENCH_SCALE_CASES), each size added to the last (bench-seed.ts, bench-scale-seed.ts), and at each
// size p50/p95/p99 over HTTP (createApiApp as the application role) of the inbox views, deadlines, the audit trail
// (filters, a cursor page, a case's trail, the chain's verification) and the internal-control report (computeReport, best of two runs).
// Prints a table of p95 per size with the growth from the first size to the last, writes bench-results/scale-<time>.json
// and the charts docs/scale.svg (p95) and docs/scale-cpu.svg (CPU per request); then how many open case workflows the worker carries (bench-scale-workflows.ts). Printed, never asserted.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { computeReport } from '../libs/audit/src/internal-control/compute-report';
import type { Principal } from '../libs/auth/src';
import { osloDateOf } from '../libs/calendar/src/civil-date';
import { openDataSource } from '../libs/persistence/src';
import { inboxViews, kari, lars, measure, percentile, startBenchApi } from './bench-http';
import { periods } from './bench-report';
import { eventAt, md5Uuid, scaleClock, ScaleClock, seedAccessLog, seedTrail } from './bench-scale-seed';
import { benchWorkflowCapacity, WorkflowCapacity } from './bench-scale-workflows';
import { seedOpenCases } from './bench-seed';
import { renderScaleChart } from './scale-chart';
import { cpuOfTrees } from './bench-throughput/proc-stats';
import { ROOT } from './services';

export interface ScaleOptions {
  sizes: number[];
  /** Requests per query and size (4 concurrent). */
  requests: number;
  /** Requests per size for the whole-chain verification, one at a time (each reads the whole chain). */
  verifyRequests: number;
  /** Open case workflows to start for the capacity part (0: skip it). */
  workflows: number;
}

/** --scale-cases 0 skips the read model and measures the workflows only; --scale-workflows 0 the other way round. */
export function scaleOptions(flags: Record<string, string>): ScaleOptions {
  const list = flags['scale-cases'] ?? process.env.BENCH_SCALE_CASES ?? '10000,25000,50000,100000';
  return {
    sizes: list.split(',').map(Number).filter((n) => n > 0).sort((a, b) => a - b),
    requests: Number(flags['scale-requests'] ?? process.env.BENCH_SCALE_REQUESTS ?? 200),
    verifyRequests: Number(process.env.BENCH_SCALE_VERIFY_REQUESTS ?? 5),
    workflows: Number(flags['scale-workflows'] ?? process.env.BENCH_SCALE_WORKFLOWS ?? 1000),
  };
}

interface Query {
  name: string;
  who: Principal;
  path: string;
  requests?: number;
  concurrency?: number;
}

interface Measured {
  p50: number;
  p95: number;
  p99: number;
  n: number;
  /**
   * CPU ms per request, steadier than latency on a shared machine: this process (the API and the HTTP client) and
   * PostgreSQL (its backends), when the bench started it.
   */
  cpuMs?: Record<string, number>;
}

interface SizeResult {
  cases: number;
  seedSeconds: number;
  rows: Record<string, number>;
  loadavg: number[];
  queries: Record<string, Measured>;
}

const M = '4601';
const ms = (x: number) => Number(x.toFixed(1));

/** A 30-day window of the first cases (days 5 … 35 of the span): the same entries at every size, in a bigger table. */
function period(clock: ScaleClock): { from: string; to: string } {
  const day = (d: number) => osloDateOf(clock.epoch + d * 86_400_000);
  return { from: day(5), to: day(35) };
}

async function queriesAt(api: Awaited<ReturnType<typeof startBenchApi>>, o: ScaleOptions, clock: ScaleClock, prefix: string): Promise<Query[]> {
  const first = await api.get<{ nextCursor: string }>(kari, '/tasks?limit=50');
  const auditFirst = await api.get<{ nextCursor: string }>(lars, '/audit?limit=100');
  const { from, to } = period(clock);
  // Case 10 is in 4601 (i % 10 = 0), seeded at the first size.
  const caseId = md5Uuid(prefix + 10);
  return [
    ...inboxViews(first.nextCursor).map(([name, who, path]) => ({ name: `tasks: ${name}`.replace('tasks: deadlines', 'deadlines'), who, path })),
    { name: 'deadlines: all open (leader)', who: lars, path: '/deadlines?limit=100' },
    { name: 'deadlines: overdue', who: lars, path: '/deadlines?overdue=true&limit=100' },
    { name: 'audit: newest (municipality)', who: lars, path: '/audit?limit=100' },
    { name: 'audit: second page (cursor)', who: lars, path: `/audit?limit=100&cursor=${encodeURIComponent(auditFirst.nextCursor)}` },
    { name: 'audit: by event', who: lars, path: '/audit?event=REGISTER&limit=100' },
    { name: 'audit: by actor', who: lars, path: `/audit?actor=bench-kw-${M}&limit=100` },
    { name: 'audit: 30-day period', who: lars, path: `/audit?from=${from}&to=${to}&limit=100` },
    { name: "audit: a case's trail", who: kari, path: `/cases/${caseId}/audit` },
    { name: 'audit/verify: 30-day period', who: lars, path: `/audit/verify?from=${from}&to=${to}`, requests: Math.max(o.verifyRequests * 4, 20), concurrency: 1 },
    { name: 'audit/verify: whole chain', who: lars, path: '/audit/verify', requests: o.verifyRequests, concurrency: 1 },
  ];
}

const REPORT = 'internal-control report, 12 months (best of 2)';

async function rowCounts(owner: DataSource): Promise<Record<string, number>> {
  const [r] = await owner.query(`SELECT (SELECT count(*) FROM ip_case)::int AS cases, (SELECT count(*) FROM case_task)::int AS tasks,
    (SELECT count(*) FROM case_deadline)::int AS deadlines, (SELECT count(*) FROM case_history)::int AS history,
    (SELECT count(*) FROM audit_entry)::int AS audit, (SELECT count(*) FROM audit_entry WHERE municipality = $1)::int AS "auditChain${M}",
    (SELECT count(*) FROM access_log)::int AS "accessLog", (pg_database_size(current_database()) / 1048576)::int AS "databaseMiB"`, [M]);
  return r;
}

function printTable(results: SizeResult[], names: string[]): void {
  const sizes = results.map((r) => r.cases);
  console.log(`\nscale: p95 ms by open cases (${results[0].queries[names[0]].n} requests per query and size, 4 concurrent; verify one at a time)\n`);
  console.log('query'.padEnd(50) + sizes.map((s) => `${s / 1000}k`.padStart(10)).join('') + `×${sizes[0] / 1000}k→${sizes[sizes.length - 1] / 1000}k`.padStart(14));
  for (const name of names) {
    const p = results.map((r) => r.queries[name]?.p95 ?? NaN);
    console.log(name.padEnd(50) + p.map((x) => x.toFixed(1).padStart(10)).join('') + (p[p.length - 1] / p[0]).toFixed(2).padStart(14));
  }
  const cpuOf = Object.keys(results[0].queries[names[0]].cpuMs ?? {});
  if (cpuOf.length) {
    console.log(`\nscale: CPU ms per request (${cpuOf.join(' / ')}) by open cases\n`);
    console.log('query'.padEnd(50) + sizes.map((s) => `${s / 1000}k`.padStart(14)).join(''));
    for (const name of names.filter((n) => results[0].queries[n].cpuMs)) {
      console.log(name.padEnd(50) + results.map((r) => cpuOf.map((c) => r.queries[name].cpuMs![c].toFixed(1)).join(' / ').padStart(14)).join(''));
    }
  }
  console.log(`load average at each size (1 min): ${results.map((r) => r.loadavg[0].toFixed(2)).join(', ')}`);
}

/** docs/scale.svg (p95) and docs/scale-cpu.svg (CPU per request, summed over the processes counted). */
function writeCharts(results: SizeResult[], names: string[], counted: string[], at: string): void {
  const sizes = results.map((r) => r.cases);
  const loads = results.map((r) => r.loadavg[0]);
  const subtitle = `${cpus().length} cores, load average (1 min) ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}; ` +
    `${results[0].queries[names[0]].n} requests per query over HTTP, 4 concurrent; ${at.slice(0, 10)}`;
  writeFileSync(join(ROOT, 'docs', 'scale.svg'), renderScaleChart(sizes, names.map((name) => ({ name, values: results.map((r) => r.queries[name].p95) })),
    { title: 'p95 latency against open cases', yAxis: 'p95 latency (ms, log scale)', subtitle }));
  // CPU per request does not queue behind the machine's other work: the steadier figure on a shared machine.
  const withCpu = names.filter((n) => results[0].queries[n].cpuMs);
  writeFileSync(join(ROOT, 'docs', 'scale-cpu.svg'), renderScaleChart(sizes,
    withCpu.map((name) => ({ name, values: results.map((r) => Object.values(r.queries[name].cpuMs!).reduce((a, b) => a + b, 0)) })),
    { title: 'CPU per request against open cases', yAxis: `CPU ms per request (${counted.join(' + ')}, log scale)`, subtitle }));
}

export async function benchScale(o: ScaleOptions & { ownerUrl: string; appUrl: string; temporal: string; servers: { postgres?: number; temporal?: number } }): Promise<void> {
  // The API runs in this process; PostgreSQL's and Temporal's own processes are counted apart from it.
  const roots: Record<string, number> = { 'API+client': process.pid, ...(o.servers.postgres ? { PostgreSQL: o.servers.postgres } : {}) };
  // Named so that the Temporal dev server, a child of this process, is not counted as the API's.
  const trees = { ...roots, ...(o.servers.temporal ? { temporal: o.servers.temporal } : {}) };
  const owner = await openDataSource(o.ownerUrl, 2);
  const app = await openDataSource(o.appUrl, 4);
  const api = await startBenchApi(o.appUrl, o.temporal);
  const results: SizeResult[] = [];
  let workflows: WorkflowCapacity | undefined;
  let names: string[] = [];
  try {
    // The read model starts empty; the audit trail and the access log are append-only, so the chains go on from their
    // heads and the cases get ids of their own (md5 of this run's prefix and the case number).
    if (o.sizes.length) await owner.query(`TRUNCATE ip_case, case_task, case_deadline, case_history`);
    const prefix = `scale-${Date.now()}-`;
    const clock = scaleClock(o.sizes[o.sizes.length - 1]);
    let seeded = 0;
    for (const cases of o.sizes) {
      const t0 = performance.now();
      await seedOpenCases(owner, seeded + 1, cases, prefix);
      const entries = await seedTrail(owner, clock, seeded + 1, cases, prefix);
      await seedAccessLog(owner, clock, seeded + 1, cases, prefix);
      await owner.query('VACUUM (ANALYZE)');
      const seedSeconds = (performance.now() - t0) / 1000;
      const rows = await rowCounts(owner);
      console.log(`\nscale: ${cases} open cases (added ${cases - seeded} with ${entries} audit entries in ${seedSeconds.toFixed(1)} s): ${JSON.stringify(rows)}`);
      seeded = cases;
      const queries = await queriesAt(api, o, clock, prefix);
      names = [...queries.map((q) => q.name), REPORT];
      const measured: Record<string, Measured> = {};
      console.log('query'.padEnd(50) + ['p50 ms', 'p95 ms', 'p99 ms', ...Object.keys(roots).map((r) => `${r} CPU ms`)].map((h) => h.padStart(Math.max(9, h.length + 2))).join(''));
      for (const q of queries) {
        const token = await api.issuer.mint(q.who);
        const cpu0 = cpuOfTrees(trees);
        const times = await measure(api.base, token, q.path, q.requests ?? o.requests, q.concurrency ?? 4);
        const cpu1 = cpuOfTrees(trees);
        const cpuMs = Object.fromEntries(Object.keys(roots).map((r) => [r, ms(((cpu1[r] - cpu0[r]) * 1000) / times.length)]));
        measured[q.name] = { p50: ms(percentile(times, 50)), p95: ms(percentile(times, 95)), p99: ms(percentile(times, 99)), n: times.length, cpuMs };
        console.log(q.name.padEnd(50) + [50, 95, 99].map((p) => percentile(times, p).toFixed(1).padStart(9)).join('') +
          Object.entries(cpuMs).map(([r, v]) => v.toFixed(1).padStart(`${r} CPU ms`.length + 2)).join(''));
      }
      const [, twelveMonths] = periods(osloDateOf(Date.now()));
      // Two runs, the faster kept: the first after seeding pays for cold caches.
      const runs: number[] = [];
      for (let r = 0; r < 2; r++) {
        const r0 = performance.now();
        await computeReport(app, { ...twelveMonths[1], municipality: M });
        runs.push(performance.now() - r0);
      }
      const reportMs = ms(Math.min(...runs));
      measured[REPORT] = { p50: reportMs, p95: reportMs, p99: reportMs, n: 1 };
      console.log(REPORT.padEnd(50) + reportMs.toFixed(1).padStart(9));
      results.push({ cases, seedSeconds: ms(seedSeconds), rows, loadavg: loadavg(), queries: measured });
    }
    const at = new Date().toISOString();
    if (results.length) {
      printTable(results, names);
      writeCharts(results, names, Object.keys(roots), at);
    }
    if (o.workflows > 0) workflows = await benchWorkflowCapacity({ appUrl: o.appUrl, temporal: o.temporal, workflows: o.workflows });
    const dir = join(ROOT, 'bench-results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `scale-${at.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify({ at, period: period(clock), firstEvent: eventAt(clock, 1, 1), sizes: results, workflows }, null, 2));
    console.log(`\nscale: figures in ${file}${results.length ? ', charts in docs/scale.svg and docs/scale-cpu.svg' : ''}`);
  } finally {
    await api.close();
    await app.destroy();
    await owner.destroy();
  }
}
