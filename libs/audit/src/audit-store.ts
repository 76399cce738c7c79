// The audit trail in PostgreSQL (table audit_entry): appended in the caller's transaction, one chain per municipality.
// Appends to one chain are serialised by a transaction-scoped advisory lock on the chain, taken before its head is
// read: two cases of one municipality committing at once cannot both link to the same head (a fork). The primary key
// (municipality, position) is the second wall: a fork that got past the lock would be refused, not stored.
import type { DataSource, EntityManager } from 'typeorm';
import { append, AuditEntry, AuditFacts } from './audit-chain';

type Db = DataSource | EntityManager;

const COLUMNS = `kind, municipality, position, prev_hash, hash, case_id, seq, at, actor_sub, actor_name, actor_role, actor_municipalities,
  event, payload_digest, from_status, to_status, legal_basis, request_id, purpose`;

interface AuditRow {
  kind: AuditFacts['kind'];
  municipality: string;
  position: string;
  prev_hash: string;
  hash: string;
  case_id: string | null;
  seq: number | null;
  at: Date;
  actor_sub: string;
  actor_name: string;
  actor_role: string;
  actor_municipalities: string[];
  event: string;
  payload_digest: string;
  from_status: string | null;
  to_status: string | null;
  legal_basis: string | null;
  request_id: string | null;
  purpose: string | null;
}

/** An entry as stored. `at` round-trips exactly: the engine's instants have millisecond precision. */
export function entryOfRow(r: AuditRow): AuditEntry {
  return {
    kind: r.kind,
    municipality: r.municipality,
    position: Number(r.position),
    prevHash: r.prev_hash,
    hash: r.hash,
    caseId: r.case_id,
    seq: r.seq,
    at: new Date(r.at).toISOString(),
    actor: { sub: r.actor_sub, name: r.actor_name, role: r.actor_role, municipalities: r.actor_municipalities },
    event: r.event,
    payloadDigest: r.payload_digest,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    legalBasis: r.legal_basis,
    requestId: r.request_id,
    purpose: r.purpose,
  };
}

/** Takes the chain's lock for the rest of the transaction: the caller must be inside one. */
const lockChain = (m: EntityManager, municipality: string) =>
  m.query(`SELECT pg_advisory_xact_lock(hashtextextended('ke-ip audit chain ' || $1, 0))`, [municipality]);

/** The last entry of a chain (position and hash), undefined while it is empty. */
export async function chainHead(db: Db, municipality: string): Promise<Pick<AuditEntry, 'position' | 'hash'> | undefined> {
  const [row] = await db.query(`SELECT position, hash FROM audit_entry WHERE municipality = $1 ORDER BY position DESC LIMIT 1`, [municipality]);
  return row ? { position: Number(row.position), hash: row.hash } : undefined;
}

/** Appends one entry to its municipality's chain, in the caller's transaction (so it commits with what it records). */
export async function appendAuditEntry(m: EntityManager, facts: AuditFacts): Promise<AuditEntry> {
  await lockChain(m, facts.municipality);
  const e = append(await chainHead(m, facts.municipality), facts);
  await insertAuditEntry(m, e);
  return e;
}

/** Stores an entry already linked to its chain (appendAuditEntry, and the migration that chains older history). */
export async function insertAuditEntry(db: { query(sql: string, params?: unknown[]): Promise<unknown> }, e: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit_entry (${COLUMNS}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19)`,
    [e.kind, e.municipality, e.position, e.prevHash, e.hash, e.caseId, e.seq, e.at, e.actor.sub, e.actor.name, e.actor.role, e.actor.municipalities,
      e.event, e.payloadDigest, e.fromStatus, e.toStatus, e.legalBasis, e.requestId, e.purpose],
  );
}

/** Entries of a chain in position order, after `afterPosition`, at most `limit`, up to `toPosition` if given. */
export async function readChain(db: Db, municipality: string, afterPosition: number, limit: number, toPosition?: number): Promise<AuditEntry[]> {
  const rows: AuditRow[] = await db.query(
    `SELECT ${COLUMNS} FROM audit_entry WHERE municipality = $1 AND position > $2 AND ($4::bigint IS NULL OR position <= $4)
     ORDER BY position LIMIT $3`,
    [municipality, afterPosition, limit, toPosition ?? null],
  );
  return rows.map(entryOfRow);
}

/** The entry at one position of a chain. */
export async function entryAt(db: Db, municipality: string, position: number): Promise<AuditEntry | undefined> {
  const [row] = await db.query(`SELECT ${COLUMNS} FROM audit_entry WHERE municipality = $1 AND position = $2`, [municipality, position]);
  return row ? entryOfRow(row) : undefined;
}

/** The head of every chain: what a checkpoint signs. */
export async function chainHeads(db: Db): Promise<{ municipality: string; position: number; hash: string }[]> {
  const rows: { municipality: string; position: string; hash: string }[] = await db.query(
    `SELECT DISTINCT ON (municipality) municipality, position, hash FROM audit_entry ORDER BY municipality, position DESC`,
  );
  return rows.map((r) => ({ municipality: r.municipality, position: Number(r.position), hash: r.hash }));
}

export { COLUMNS as AUDIT_COLUMNS, type AuditRow };
