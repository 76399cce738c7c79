// The audit trail's append rate under concurrency, against PostgreSQL's own single-row insert rate on the same server in
// the same run. Each audit append is what the projection does last in its transaction: take the chain's advisory lock,
// read the head, insert the linked entry, commit. Printed, never asserted (npm run bench).
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { appendAuditEntry, AuditFacts, payloadDigest, verifyTrail } from '../libs/audit/src';
import { openDataSource } from '../libs/persistence/src';

const WRITERS = 8;
const APPENDS = Number(process.env.BENCH_AUDIT_APPENDS ?? 4000);

const facts = (municipality: string): AuditFacts => ({
  kind: 'CASE_EVENT', municipality, caseId: randomUUID(), seq: 1, at: new Date().toISOString(),
  actor: { sub: 'bench-kari', name: 'Kari', role: 'KE_CASEWORKER', municipalities: [municipality] }, event: 'REGISTER',
  payloadDigest: payloadDigest({ type: 'REGISTER' }), fromStatus: 'RECEIVED', toStatus: 'REGISTERED', legalBasis: 'pbrl § 2-5', requestId: null, purpose: 'bench',
});

/** `total` transactions spread over WRITERS concurrent connections; answers transactions per second. */
async function rate(total: number, work: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: WRITERS }, async () => {
    while (next < total) await work(next++);
  }));
  return total / ((performance.now() - t0) / 1000);
}

export async function benchAuditAppend(ownerUrl: string, appUrl: string): Promise<void> {
  const owner = await openDataSource(ownerUrl, 2);
  const app: DataSource = await openDataSource(appUrl, WRITERS);
  try {
    // The plain insert loop: one row per transaction (autocommit), a table of the same width, no chain.
    await owner.query(`CREATE TABLE IF NOT EXISTS bench_plain_insert (id bigserial PRIMARY KEY, municipality varchar(4), hash varchar(64), at timestamptz, body text)`);
    await owner.query(`TRUNCATE bench_plain_insert`);
    const body = JSON.stringify(facts('4601'));
    const plain1 = await rate(APPENDS / 4, () => owner.query(`INSERT INTO bench_plain_insert (municipality, hash, at, body) VALUES ('4601', $1, now(), $2)`, ['0'.repeat(64), body]));
    const plain = await rate(APPENDS, () => owner.query(`INSERT INTO bench_plain_insert (municipality, hash, at, body) VALUES ('4601', $1, now(), $2)`, ['0'.repeat(64), body]));
    const oneChain = await rate(APPENDS, () => app.transaction((m) => appendAuditEntry(m, facts('4649'))));
    const chains = ['4640', '4641', '4642', '4643', '4644', '4645', '4646', '4647'];
    const eightChains = await rate(APPENDS, (i) => app.transaction((m) => appendAuditEntry(m, facts(chains[i % chains.length]))));
    const t0 = performance.now();
    const check = await verifyTrail(app, '4649', []);
    const verifyMs = performance.now() - t0;
    await owner.query(`DROP TABLE bench_plain_insert`);

    console.log(`\naudit append, ${WRITERS} concurrent writers, ${APPENDS} transactions each run, same PostgreSQL server\n`);
    console.log('run'.padEnd(58) + 'per s'.padStart(10) + 'ratio'.padStart(10));
    const line = (name: string, r: number) => console.log(name.padEnd(58) + r.toFixed(0).padStart(10) + (r / plain).toFixed(2).padStart(10));
    line('plain single-row INSERT, 1 writer (baseline: 1 writer)', plain1);
    line('plain single-row INSERT (baseline)', plain);
    line('audit append, one chain (all writers, one municipality)', oneChain);
    line('audit append, 8 chains (writers spread over 8 municipalities)', eightChains);
    console.log(`verify of the one chain: ${check.checked} entries, ${check.valid ? 'valid' : 'BROKEN'}, in ${verifyMs.toFixed(0)} ms (${(check.checked / (verifyMs / 1000)).toFixed(0)} entries/s)`);
  } finally {
    await app.destroy();
    await owner.destroy();
  }
}
