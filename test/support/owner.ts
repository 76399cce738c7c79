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
