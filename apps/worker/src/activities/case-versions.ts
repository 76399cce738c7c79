// The case as it was after each transition, for internal control (GET /cases/:id/as-of). Part of the projection's
// statement once the history row is new, so a retried activity adds nothing; a version is never changed.
import type { TransitionRecord } from '../../../../libs/contracts/src/ip-case.activities';
import { IF_NEW, type Params, type Placed } from './statement-params';

export function caseVersionRow(q: Params, p: Placed, r: TransitionRecord): string {
  return `version AS (
    INSERT INTO case_version (case_id, seq, at, event_type, status, state_value, context, tasks, deadlines)
    SELECT ${p.caseId}, ${p.seq}, ${p.at}, ${q.add(r.eventType, 'text')}, ${q.add(r.toStatus, 'text')}, ${q.add(JSON.stringify(r.stateValue), 'jsonb')},
      ${q.add(JSON.stringify(r.context), 'jsonb')}, ${q.add(JSON.stringify(r.tasks), 'jsonb')}, ${q.add(JSON.stringify(r.deadlines), 'jsonb')}
    WHERE ${IF_NEW}
    ON CONFLICT (case_id, seq) DO NOTHING)`;
}
