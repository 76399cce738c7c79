// The read model's open cases in bulk, as the schema owner: n cases in assessment spread over ten municipalities, four
// open and four closed tasks each, two deadlines each. INSERT … SELECT generate_series, so a range of case numbers
// can be added to what is there (the scale bench grows 10k → 100k this way). Case i's id is md5(prefix || i).
import type { DataSource } from 'typeorm';

// Ten real Vestland municipalities (the API refuses tokens for numbers not in SSB's register).
export const MUNICIPALITIES = ['4601', '4602', '4611', '4612', '4613', '4614', '4615', '4616', '4617', '4618'];

/** The SQL of case i's municipality (i an integer expression). */
export const municipalityOf = (i: string) => `(ARRAY[${MUNICIPALITIES.map((m) => `'${m}'`).join(',')}])[1 + ${i} % ${MUNICIPALITIES.length}]`;

/** Cases from … to (inclusive), their tasks and deadlines. */
export async function seedOpenCases(db: DataSource, from: number, to: number, prefix = 'case'): Promise<void> {
  await db.query(
    `INSERT INTO ip_case (case_id, municipality, status, state_value, seq, allowed_events, coordinator_employee_id, context, received_at, next_due, updated_at)
     SELECT md5($3 || i)::uuid, ${municipalityOf('i')},
            'ASSESSMENT', '"assessment"', 3, ARRAY['RECORD_DECISION'], CASE WHEN i % 50 = 0 THEN 'emp-' || (i % 200) END, '{}'::jsonb,
            now() - (i % 400) * interval '1 day', current_date + (i % 90 - 30), now()
     FROM generate_series($1::int, $2::int) i`,
    [from, to, prefix],
  );
  const kinds = `(ARRAY['REGISTER_NOTIFICATION','DECIDE','OBTAIN_CONSENT','MAP_NEEDS','EVALUATE_PLAN','ACT_ON_ESCALATION','DRAFT_PLAN','HANDLE_APPEAL'])`;
  const roles = `(ARRAY['KE_CASEWORKER','KE_CASEWORKER','KE_CASEWORKER','COORDINATOR','COORDINATOR','KE_LEADER','COORDINATOR','KE_LEADER'])`;
  for (const open of [true, false]) {
    await db.query(
      `INSERT INTO case_task (case_id, task_key, kind, candidate_role, municipality, assignee, status, due, created_at, created_seq, version, priority, completes,
         closed_at, closed_seq, close_reason)
       SELECT md5($4 || c.n)::uuid, k.kind || CASE WHEN $1 THEN '' ELSE ':closed' END, k.kind, k.role, ${municipalityOf('c.n')},
              CASE WHEN $1 AND g % 7 = 0 THEN 'bench-kari' WHEN $1 AND g % 5 = 0 THEN 'emp-' || (g % 200) END,
              CASE WHEN NOT $1 THEN 'COMPLETED' WHEN g % 7 = 0 OR g % 5 = 0 THEN 'CLAIMED' ELSE 'OPEN' END,
              CASE WHEN g % 9 = 0 THEN NULL ELSE current_date + (g % 120 - 40)::int END,
              now() - (g % 300)::int * interval '1 hour', 1, 1, CASE WHEN k.kind = 'ACT_ON_ESCALATION' THEN 1 WHEN g % 3 = 0 THEN 2 ELSE 3 END,
              'RECORD_DECISION', CASE WHEN NOT $1 THEN now() END, CASE WHEN NOT $1 THEN 4 END, CASE WHEN NOT $1 THEN 'bench' END
       FROM generate_series($2::int, $3::int) c(n)
       CROSS JOIN generate_series(0, 3) j
       CROSS JOIN LATERAL (SELECT ${kinds}[1 + (c.n + j) % 8] AS kind, ${roles}[1 + (c.n + j) % 8] AS role, c.n * 4 + j AS g) k`,
      [open, from, to, prefix],
    );
  }
  await db.query(
    `INSERT INTO case_deadline (case_id, deadline_key, kind, municipality, source, rule, legal_basis, started_on, due, remind_on, breach_at, escalate_to, status,
       breached_at, opened_seq)
     SELECT case_id, kind || '@x', kind, municipality, 'LOCAL', 'bench', 'bench', current_date - 10, next_due, next_due - 3, next_due + 1, 'KE_LEADER', 'OPEN',
            CASE WHEN next_due < current_date THEN now() END, 1
     FROM generate_series($1::int, $2::int) i JOIN ip_case ON case_id = md5($3 || i)::uuid
     CROSS JOIN (VALUES ('DECISION'), ('PRELIMINARY_REPLY')) k(kind)`,
    [from, to, prefix],
  );
}
