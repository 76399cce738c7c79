// The projection's one statement: each row written by one sub-statement only (PostgreSQL refuses a row touched twice).
import { readModelStatement } from '../../apps/worker/src/activities/read-model-statement';
import type { TransitionRecord } from '../../libs/contracts/src/ip-case.activities';

const record = (over: Partial<TransitionRecord> = {}): TransitionRecord => ({
  caseId: '6f1c2a4e-9b0d-4e57-8a36-2d9f0c7b5e11', municipality: '4601', seq: 3, eventType: 'REGISTER', payload: {},
  actor: { sub: 'kari', name: 'Kari', role: 'KE_CASEWORKER', municipalities: ['4601'] }, at: '2026-12-07T10:00:00.000Z',
  legalBasis: null, fromStatus: 'RECEIVED', toStatus: 'REGISTERED', stateValue: 'registered', allowedEvents: [], context: {}, closed: false,
  deadlines: [], tasks: [], ...over,
});
const deadline = (key: string) => ({ key, kind: 'DECISION', source: 'RULE', rule: 'r', legalBasis: 'l', startedOn: '2026-12-07', due: '2026-12-21' }) as never;
const scheduledAt = (key: string) => ({ key, event: 'DEADLINE_REMINDER', effect: 'REMIND', at: '2026-12-14T08:00:00.000Z' }) as never;

/** The keys each sub-statement's JSON rows carry. */
function keysIn(sql: string, params: unknown[], cte: string): string[] {
  const body = sql.slice(sql.indexOf(`${cte} AS (`));
  const n = Number(/jsonb_to_recordset\(\$(\d+)::jsonb\)/.exec(body)?.[1]);
  return (JSON.parse(params[n - 1] as string) as { key: string }[]).map((r) => r.key);
}

describe('the read model statement', () => {
  it('numbers every placeholder once, in order, and gates every sub-statement on the new history row', () => {
    const { sql, params } = readModelStatement(record({ deadlines: [deadline('DECISION@2026-12-07')], scheduled: [scheduledAt('AUTO:DEADLINE_REMINDER:DECISION')] }));
    const used = [...new Set([...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);
    expect(used).toEqual(params.map((_, i) => i + 1));
    const gated = sql.split(/\n(?=[a-z_]+ AS \()/).slice(1);
    expect(gated.map((part) => part.slice(0, part.indexOf(' ')))).toEqual(['kase', 'closed_tasks', 'closed_deadlines', 'scheduled', 'running_deadlines', 'version']);
    for (const part of gated) expect(part).toContain('EXISTS (SELECT 1 FROM history)');
    expect(sql).toMatch(/SELECT EXISTS \(SELECT 1 FROM history\) AS applied$/);
  });

  it('writes a key listed as a running deadline and as a scheduled transition once, as the running deadline', () => {
    const { sql, params } = readModelStatement(record({ deadlines: [deadline('SAME')], scheduled: [scheduledAt('SAME'), scheduledAt('AUTO:OTHER')] }));
    expect(keysIn(sql, params, 'running_deadlines')).toEqual(['SAME']);
    expect(keysIn(sql, params, 'scheduled')).toEqual(['AUTO:OTHER']);
  });

  it('writes the subject at intake only, and open tasks only when there are any', () => {
    const intake = readModelStatement(record({ subject: { nationalId: '01010112345', idType: 'FNR', name: 'Ola', birthDate: '2001-01-01' } as never }));
    expect(intake.sql).toContain('subject AS (');
    const later = readModelStatement(record());
    expect(later.sql).not.toContain('subject AS (');
    expect(later.sql).not.toContain('open_tasks AS (');
    expect(later.sql).toContain('closed_tasks AS ('); // with no open task, every open one closes
  });
});
