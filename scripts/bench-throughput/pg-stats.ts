// PostgreSQL's own counters before and after a phase: rows inserted, updated and deleted (per table too),
// transactions committed and WAL written. Backends report their counters when idle, at the latest after 10 s
// (PGSTAT_IDLE_INTERVAL), so a snapshot waits for that first.
import { Client } from 'pg';

export interface PgCounters {
  inserted: number;
  updated: number;
  deleted: number;
  commits: number;
  rollbacks: number;
  walBytes: number;
  tables: Record<string, { ins: number; upd: number; del: number; hot: number }>;
}

export const STATS_SETTLE_MS = 11_000;

export async function pgCounters(url: string): Promise<PgCounters> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const [db] = (await c.query(
      `SELECT tup_inserted::float8 AS inserted, tup_updated::float8 AS updated, tup_deleted::float8 AS deleted,
              xact_commit::float8 AS commits, xact_rollback::float8 AS rollbacks
       FROM pg_stat_database WHERE datname = current_database()`,
    )).rows;
    const [wal] = (await c.query(`SELECT wal_bytes::float8 AS "walBytes" FROM pg_stat_wal`)).rows;
    const tables = (await c.query(
      `SELECT schemaname || '.' || relname AS name, n_tup_ins::float8 AS ins, n_tup_upd::float8 AS upd, n_tup_del::float8 AS del, n_tup_hot_upd::float8 AS hot
       FROM pg_stat_user_tables`,
    )).rows as { name: string; ins: number; upd: number; del: number; hot: number }[];
    return { ...db, walBytes: wal?.walBytes ?? 0, tables: Object.fromEntries(tables.map(({ name, ...t }) => [name.replace(/^public\./, ''), t])) };
  } finally {
    await c.end();
  }
}

/** after − before, per transition */
export function perTransition(before: PgCounters, after: PgCounters, transitions: number) {
  const d = (k: 'inserted' | 'updated' | 'deleted' | 'commits' | 'rollbacks' | 'walBytes') => (after[k] - before[k]) / transitions;
  const tables: Record<string, { ins: number; upd: number; del: number; hot: number }> = {};
  for (const [name, a] of Object.entries(after.tables)) {
    const b = before.tables[name] ?? { ins: 0, upd: 0, del: 0, hot: 0 };
    const t = { ins: (a.ins - b.ins) / transitions, upd: (a.upd - b.upd) / transitions, del: (a.del - b.del) / transitions, hot: (a.hot - b.hot) / transitions };
    if (t.ins || t.upd || t.del) tables[name] = t;
  }
  const sum = (k: 'ins' | 'upd' | 'del') => Object.values(tables).reduce((s, t) => s + t[k], 0);
  const [inserted, updated, deleted] = [sum('ins'), sum('upd'), sum('del')];
  return {
    /** in the application's tables (pg_stat_user_tables) */
    rowsWritten: inserted + updated + deleted, inserted, updated, deleted,
    /** the whole database (pg_stat_database), catalogs too: autovacuum's ANALYZE rewrites pg_statistic */
    databaseRowsWritten: d('inserted') + d('updated') + d('deleted'),
    commits: d('commits'), rollbacks: d('rollbacks'), walBytes: d('walBytes'), tables,
  };
}
