// The case as it was after each transition, for internal control (GET /cases/:id/as-of). Called by the projection in
// its transaction once the history row is new, so a retried activity adds nothing; a version is never changed.
import type { EntityManager } from 'typeorm';
import type { TransitionRecord } from '../../../../libs/contracts/src/ip-case.activities';

export async function recordCaseVersion(m: EntityManager, r: TransitionRecord): Promise<void> {
  await m.query(
    `INSERT INTO case_version (case_id, seq, at, event_type, status, state_value, context, tasks, deadlines)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT (case_id, seq) DO NOTHING`,
    [r.caseId, r.seq, r.at, r.eventType, r.toStatus, JSON.stringify(r.stateValue), JSON.stringify(r.context), JSON.stringify(r.tasks), JSON.stringify(r.deadlines)],
  );
}
