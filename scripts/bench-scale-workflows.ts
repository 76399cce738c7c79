// How many open case workflows one worker carries: real cases started through the Temporal client in batches (the
// intake: received, registered, assessment started; then each waits for a decision, a running workflow with its
// deadline timers), the worker its own process (bench-scale-worker.ts) with its sticky cache sized to hold them all.
// After each batch: the worker's RSS and the SDK's count of cached workflows, so MiB per cached workflow is a slope
// over measured points; the history one case holds; and what the SDK's default cache would be on this machine.
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import type { IpCaseCommand } from '../libs/case-machine/src';
import { Actor, applyEventUpdate, TASK_QUEUE, workflowIdForCase } from '../libs/contracts/src';
import { dataConverterFor, parseEncryptionKeys } from '../libs/temporal/src';
import { ipCaseWorkflow } from '../workflows';
import { BENCH_ENCRYPTION_KEYS, intake } from './bench-report';
import type { WorkerSample } from './bench-scale-worker';
import { cpuOfTrees } from './bench-throughput/proc-stats';
import { ROOT } from './services';

/** A municipality of its own, so the capacity cases stay apart from the read model the queries measured. */
const MUNICIPALITY = '4619';
const CLIENTS = 16;
const kari: Actor = { sub: 'bench-kari', name: 'Kari Saksbehandler', role: 'KE_CASEWORKER' };

export interface WorkflowCapacity {
  started: number;
  maxCachedWorkflows: number;
  batches: { workflows: number; seconds: number; sample: WorkerSample; workerCpuMsPerCase: number }[];
  baseline: WorkerSample;
  settled: WorkerSample;
  mibPerWorkflow: number;
  historyEvents: number;
  historyBytes: number;
  sdkDefaultCache: number;
  heapLimitMiB: number;
  /** The batch that failed, if one did (the worker died, or its workflow tasks timed out). */
  failure?: { afterWorkflows: number; workerExitCode: number | null; message: string };
}

function startWorker(appUrl: string, temporalAddress: string, taskQueue: string, cache: number): Promise<ChildProcess> {
  const child = fork(join(ROOT, 'scripts/bench-scale-worker.ts'), [], {
    execArgv: ['-r', 'ts-node/register/transpile-only'],
    env: { ...process.env, DATABASE_URL: appUrl, TEMPORAL_ADDRESS: temporalAddress, TEMPORAL_TASK_QUEUE: taskQueue, PAYLOAD_ENCRYPTION_KEYS: BENCH_ENCRYPTION_KEYS,
      BENCH_MAX_CACHED_WORKFLOWS: String(cache) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.on('message', (m: { type: string }) => m.type === 'ready' && resolve(child));
    child.once('exit', (code) => reject(new Error(`the capacity worker exited with ${code}`)));
  });
}

function sample(child: ChildProcess): Promise<WorkerSample> {
  return new Promise((resolve) => {
    const on = (m: { type: string; sample: WorkerSample }) => {
      if (m.type !== 'sample') return;
      child.off('message', on);
      resolve(m.sample);
    };
    child.on('message', on);
    child.send('sample');
  });
}

/** Least squares slope of y over x. */
export function slope(points: [number, number][]): number {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return sxx === 0 ? NaN : points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) / sxx;
}

export async function benchWorkflowCapacity(o: { appUrl: string; temporal: string; workflows: number }): Promise<WorkflowCapacity> {
  const taskQueue = `${TASK_QUEUE}-scale-${randomUUID().slice(0, 8)}`;
  const cache = o.workflows + 100;
  const child = await startWorker(o.appUrl, o.temporal, taskQueue, cache);
  const connection = await Connection.connect({ address: o.temporal });
  const client = new Client({ connection, dataConverter: dataConverterFor(parseEncryptionKeys(BENCH_ENCRYPTION_KEYS)) });
  const ids: string[] = [];
  const startCase = async () => {
    const caseId = randomUUID();
    const workflowId = workflowIdForCase(caseId);
    ids.push(workflowId);
    const [first, ...rest] = intake(new Date(Date.now() - 2 * 86_400_000).toISOString()) as IpCaseCommand[];
    await client.workflow.executeUpdateWithStart(applyEventUpdate, {
      args: [{ event: first, actor: kari }], updateId: 'intake',
      startWorkflowOperation: new WithStartWorkflowOperation(ipCaseWorkflow, { workflowId, taskQueue, args: [{ caseId, municipality: MUNICIPALITY }], workflowIdConflictPolicy: 'USE_EXISTING' }),
    });
    for (const event of rest) await client.workflow.getHandle(workflowId).executeUpdate(applyEventUpdate, { args: [{ event, actor: kari }] });
  };
  const run = async (n: number) => {
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(CLIENTS, n) }, async () => {
      while (next < n) {
        next++;
        await startCase();
      }
    }));
  };
  try {
    // Warm-up: the workflow bundle loaded and the first workflows run, so the baseline is the worker at work.
    await run(20);
    await new Promise((r) => setTimeout(r, 2000));
    const baseline = await sample(child);
    console.log(`\nworkflow capacity: one worker process, maxCachedWorkflows ${cache}, ${CLIENTS} clients starting cases (intake: 3 Updates each)`);
    console.log(`after 20 warm-up cases: RSS ${baseline.rssMiB.toFixed(0)} MiB, heap ${baseline.heapUsedMiB.toFixed(0)} MiB, ${baseline.cached} cached`);
    const batch = Math.max(50, Math.round(o.workflows / 8));
    const batches: WorkflowCapacity['batches'] = [];
    let failure: WorkflowCapacity['failure'];
    for (let done = 20; done < o.workflows;) {
      const n = Math.min(batch, o.workflows - done);
      const t0 = performance.now();
      const cpu0 = cpuOfTrees({ worker: child.pid! }).worker;
      // Where the worker gives out is the figure sought: say where, and keep what was measured before.
      const failed = await run(n).then(() => undefined, (e: Error) => e);
      if (failed || child.exitCode !== null) {
        failure = { afterWorkflows: done, workerExitCode: child.exitCode, message: String(failed?.message ?? 'the worker exited').slice(0, 300) };
        console.log(`the batch after ${done} open workflows failed (worker ${child.exitCode === null ? 'running' : `exited with ${child.exitCode}`}): ${failure.message}`);
        break;
      }
      done += n;
      const workerCpuMsPerCase = ((cpuOfTrees({ worker: child.pid! }).worker - cpu0) * 1000) / n;
      const s = await sample(child);
      const seconds = (performance.now() - t0) / 1000;
      batches.push({ workflows: done, seconds, sample: s, workerCpuMsPerCase });
      console.log(`${String(done).padStart(6)} open workflows: ${s.cached} cached, RSS ${s.rssMiB.toFixed(0)} MiB, main heap ${s.heapUsedMiB.toFixed(0)} MiB ` +
        `(batch of ${n} in ${seconds.toFixed(1)} s, ${(n / seconds).toFixed(1)} cases/s, worker CPU ${workerCpuMsPerCase.toFixed(0)} ms a case)`);
    }
    // Garbage of the last batch counts in RSS until V8 collects it: a sample after a quiet while says how much.
    await new Promise((r) => setTimeout(r, 15_000));
    const settled = child.exitCode === null ? await sample(child) : batches[batches.length - 1]?.sample ?? baseline;
    console.log(`15 s later: ${settled.cached} cached, RSS ${settled.rssMiB.toFixed(0)} MiB`);
    const points: [number, number][] = [[baseline.cached, baseline.rssMiB], ...batches.map((b): [number, number] => [b.sample.cached, b.sample.rssMiB])];
    const mibPerWorkflow = slope(points);
    const history = await client.workflow.getHandle(ids[0]).fetchHistory();
    const historyBytes = temporal.api.history.v1.History.encode(history).finish().length;
    const heapLimitMiB = getHeapStatistics().heap_size_limit / 1048576;
    // The SDK's default with reuseV8Context (its worker-options.d.ts): 600 workflows per GiB of heap above 200 MiB.
    const sdkDefaultCache = Math.max(Math.floor(Math.max(heapLimitMiB - 200, 0) * (600 / 1024)), 10);
    console.log(`RSS per cached workflow (least squares over ${points.length} samples): ${mibPerWorkflow.toFixed(3)} MiB; ` +
      `one case's history: ${history.events?.length} events, ${(historyBytes / 1024).toFixed(1)} KiB`);
    console.log(`the worker sets no maxCachedWorkflows: the SDK's default here is ${sdkDefaultCache} (heap limit ${heapLimitMiB.toFixed(0)} MiB); ` +
      `${(totalmem() / 1073741824).toFixed(1)} GiB of memory would hold about ${Math.floor((totalmem() / 1048576 - baseline.rssMiB) / mibPerWorkflow)} at that slope (an estimate)`);
    return { started: ids.length, failure, maxCachedWorkflows: cache, batches, baseline, settled, mibPerWorkflow, historyEvents: history.events?.length ?? 0, historyBytes, sdkDefaultCache, heapLimitMiB };
  } finally {
    // The cases go: the dev server may be someone's (TEMPORAL_ADDRESS).
    let next = 0;
    await Promise.all(Array.from({ length: 32 }, async () => {
      while (next < ids.length) await client.workflow.getHandle(ids[next++]).terminate('scale bench done').catch(() => undefined);
    }));
    if (child.exitCode === null) {
      child.send('stop');
      await new Promise((r) => child.once('exit', r));
    }
    await connection.close();
  }
}
