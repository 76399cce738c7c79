// Plain connections for what a test checks from the database's side: as any role (queryAs), or as the schema owner
// (asOwner) for what the application role may not (and must not) do: DDL that injects a fault, reading the access log.
import { Client } from 'pg';

// Rows typed as the caller says, untyped (any) like DataSource.query when it says nothing.
export async function queryAs<T = any>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

export const asOwner = <T = any>(sql: string, params: unknown[] = []) => queryAs<T>(process.env.TEST_MIGRATION_DATABASE_URL!, sql, params);

/**
 * Changes an append-only table as its owner could (or a superuser): its append-only trigger switched off for one
 * transaction, the statements run, the trigger back on. What an attacker with full database rights can do.
 */
export async function withTriggerOff(
  table: string,
  trigger: string,
  change: (query: (sql: string, params?: unknown[]) => Promise<any[]>) => Promise<unknown>,
): Promise<void> {
  const client = new Client({ connectionString: process.env.TEST_MIGRATION_DATABASE_URL! });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`);
    await change(async (sql, params = []) => (await client.query(sql, params)).rows);
    await client.query(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  } finally {
    await client.end();
  }
}

export const tamperWithAuditTrail = (change: Parameters<typeof withTriggerOff>[2]) => withTriggerOff('audit_entry', 'audit_entry_append_only', change);
