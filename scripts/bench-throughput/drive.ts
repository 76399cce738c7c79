// The throughput bench's clients: C of them, each taking the next case and sending its commands one after another,
// to the API over HTTP (the product) or to Temporal directly (the ceiling). Every request's latency is kept.
import { Client, WithStartWorkflowOperation } from '@temporalio/client';
import { performance } from 'node:perf_hooks';
import type { Principal } from '../../libs/auth/src';
import { intakeBody, wholeLifeSteps } from '../../test/support/case-flows';
import { ceilingStepUpdate, ceilingWorkflow } from './ceiling.workflow';
import type { Progress } from './progress';

/** Latencies (ms) and answer sizes (bytes) by name: a route pattern, or an event type. */
export class Latencies {
  readonly ms = new Map<string, number[]>();
  readonly bytes = new Map<string, number>();
  add(name: string, ms: number, bytes = 0) {
    const all = this.ms.get(name) ?? [];
    all.push(ms);
    this.ms.set(name, all);
    this.bytes.set(name, (this.bytes.get(name) ?? 0) + bytes);
  }
  summary() {
    return Object.fromEntries([...this.ms].map(([name, all]) => {
      const sorted = [...all].sort((a, b) => a - b);
      const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
      return [name, { n: sorted.length, p50: at(50), p95: at(95), p99: at(99), mean: sorted.reduce((s, x) => s + x, 0) / sorted.length, meanBytes: (this.bytes.get(name) ?? 0) / sorted.length }];
    }));
  }
}

/** Runs `count` jobs on `clients` concurrent clients; a failed job is counted, the others go on. */
export async function onClients(count: number, clients: number, job: (i: number) => Promise<void>): Promise<{ failures: string[] }> {
  let next = 0;
  const failures: string[] = [];
  const client = async () => {
    while (next < count) {
      const i = next++;
      await job(i).catch((e: Error) => failures.push(e.message));
    }
  };
  await Promise.all(Array.from({ length: Math.min(clients, count) }, client));
  return { failures };
}

/** The event types of one whole case, intake first: as many transitions as the ceiling's workflows take. */
export const lifeEventTypes = () => ['NOTIFICATION_RECEIVED', ...wholeLifeSteps().map((c) => String(c.body.type))];

export interface ProductRig {
  /** The API processes: case i goes to bases[i % n], all its commands to the same one (a client keeps its connection). */
  bases: string[];
  token(p: Principal): string;
  intakeAs: Principal;
  /** by route pattern */
  routes: Latencies;
  /** by event type */
  events: Latencies;
  progress?: Progress;
  caseIds: string[];
}

async function timedPost(rig: ProductRig, base: string, as: Principal, path: string, route: string, event: string, body: unknown): Promise<Record<string, unknown>> {
  const t0 = performance.now();
  const res = await fetch(base + path, {
    method: 'POST', headers: { authorization: `Bearer ${rig.token(as)}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  const text = await res.text();
  const ms = performance.now() - t0;
  if (res.status !== 200 && res.status !== 201) throw new Error(`${event}: ${res.status} ${text.slice(0, 300)}`);
  rig.routes.add(route, ms, text.length);
  rig.events.add(event, ms, text.length);
  rig.progress?.tick();
  return JSON.parse(text);
}

/** One case through its whole life over the HTTP API (the product). */
export async function productCase(rig: ProductRig, i: number): Promise<void> {
  const base = rig.bases[i % rig.bases.length];
  const view = await timedPost(rig, base, rig.intakeAs, '/cases', 'POST /cases', 'NOTIFICATION_RECEIVED', intakeBody());
  const caseId = String(view.caseId);
  rig.caseIds.push(caseId);
  for (const c of wholeLifeSteps()) await timedPost(rig, base, c.as, `/cases/${caseId}/events`, 'POST /cases/:id/events', String(c.body.type), c.body);
}

export interface CeilingRig {
  client: Client;
  taskQueue: string;
  eventTypes: string[];
  updates: Latencies;
  progress?: Progress;
  workflowIds: string[];
}

/** One ceiling workflow through as many Updates as a case has transitions, the first one starting it (as the intake does). */
export async function ceilingCase(rig: CeilingRig, workflowId: string): Promise<void> {
  rig.workflowIds.push(workflowId);
  const [first, ...rest] = rig.eventTypes;
  let t0 = performance.now();
  await rig.client.workflow.executeUpdateWithStart(ceilingStepUpdate, {
    args: [{ eventType: first }],
    startWorkflowOperation: new WithStartWorkflowOperation(ceilingWorkflow, {
      workflowId, taskQueue: rig.taskQueue, args: [{ workflowId, transitions: rig.eventTypes.length }], workflowIdConflictPolicy: 'USE_EXISTING',
    }),
  });
  rig.updates.add('Update-with-Start', performance.now() - t0);
  rig.progress?.tick();
  const handle = rig.client.workflow.getHandle(workflowId);
  for (const eventType of rest) {
    t0 = performance.now();
    await handle.executeUpdate(ceilingStepUpdate, { args: [{ eventType }] });
    rig.updates.add('Update', performance.now() - t0);
    rig.progress?.tick();
  }
}
