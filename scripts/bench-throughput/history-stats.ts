// What a workflow's Temporal history holds per transition: events by type (workflow tasks, activities, local
// activities as markers, search attribute upserts) and the bytes of the payloads they carry.
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

export interface HistoryStats {
  workflows: number;
  /** per workflow, averaged over the sample */
  events: Record<string, number>;
  payloadBytes: Record<string, number>;
  historyBytes: number;
}

/** Sums the `data` of every Payload (an object with `metadata` and `data`) inside an event. */
function payloadBytes(value: unknown): number {
  if (!value || typeof value !== 'object') return 0;
  if (value instanceof Uint8Array) return 0;
  const v = value as Record<string, unknown>;
  if (v.data instanceof Uint8Array && 'metadata' in v) return v.data.length;
  return Object.values(v).reduce<number>((s, x) => s + payloadBytes(x), 0);
}

const eventName = (t: number | null | undefined) => (temporal.api.enums.v1.EventType[t ?? 0] ?? String(t)).replace(/^EVENT_TYPE_/, '');

export async function historyStats(client: Client, workflowIds: string[]): Promise<HistoryStats> {
  const events: Record<string, number> = {};
  const bytes: Record<string, number> = {};
  let historyBytes = 0;
  for (const id of workflowIds) {
    const handle = client.workflow.getHandle(id);
    const history = await handle.fetchHistory();
    for (const e of history.events ?? []) {
      const name = eventName(e.eventType as number);
      events[name] = (events[name] ?? 0) + 1;
      const b = payloadBytes(e);
      if (b) bytes[name] = (bytes[name] ?? 0) + b;
    }
    historyBytes += Number((await handle.describe()).raw.workflowExecutionInfo?.historySizeBytes ?? 0);
  }
  const avg = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v / workflowIds.length]));
  return { workflows: workflowIds.length, events: avg(events), payloadBytes: avg(bytes), historyBytes: historyBytes / workflowIds.length };
}
