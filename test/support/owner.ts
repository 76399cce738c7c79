// The schema owner's connection, for what a test does that the application role may not (and must not):
// DDL that injects a fault, reading the access log.
import { Client } from 'pg';

export async function asOwner<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: process.env.TEST_MIGRATION_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}
