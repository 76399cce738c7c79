// What a case left behind, in every place it is kept, without ids or times: the fault tests compare a case that ran
// through faults with one that ran without.
import { kari } from '../support/case-flows';
import type { FaultClient } from './fault-client';
import type { FaultStack } from './fault-stack';

export async function footprint(stack: FaultStack, client: FaultClient, caseId: string) {
  const q = (sql: string) => stack.db.query(sql, [caseId]);
  const view = await client.read(`/cases/${caseId}`, kari);
  return {
    status: view.status,
    seq: view.seq,
    history: (await q(`SELECT event_type FROM case_history WHERE case_id = $1 ORDER BY seq`)).map((r: any) => r.event_type),
    audit: (await q(`SELECT seq, event FROM audit_entry WHERE case_id = $1 AND seq IS NOT NULL ORDER BY position`)).map((r: any) => `${r.seq}:${r.event}`),
    tasks: (await q(`SELECT task_key, kind, status FROM case_task WHERE case_id = $1 ORDER BY task_key, status`)).map((r: any) => `${r.task_key}|${r.kind}|${r.status}`),
    deadlines: (await q(`SELECT deadline_key, kind, status FROM case_deadline WHERE case_id = $1 ORDER BY deadline_key`)).map((r: any) => `${r.deadline_key}|${r.kind}|${r.status}`),
    archive: (await q(`SELECT kind, count(*)::int AS n FROM archive_record WHERE case_id = $1 GROUP BY kind ORDER BY kind`)).map((r: any) => `${r.kind}:${r.n}`),
    versions: (await q(`SELECT count(*)::int AS n FROM case_version WHERE case_id = $1`))[0].n,
  };
}
export type Footprint = Awaited<ReturnType<typeof footprint>>;

/**
 * Keys carry the case's own ids (task keys, deadline keys are the case's, not random): strip what differs per case. A
 * deadline's key also carries its calendar date, which moves by a day when the run crosses midnight between the control
 * and a faulted case (a plan's revision date is "200 days from today"): the date goes too, and the lists are sorted again.
 */
export const comparable = (f: Footprint, caseId: string): Footprint => {
  const c: Footprint = JSON.parse(JSON.stringify(f).split(caseId).join('<case>').replace(/@\d{4}-\d{2}-\d{2}/g, '@<date>'));
  return { ...c, tasks: [...c.tasks].sort(), deadlines: [...c.deadlines].sort() };
};
