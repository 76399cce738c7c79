// One source for every limit: the entities take their lengths from LIMITS, and the migrated database has exactly the
// columns, lengths and nullability the entities declare, so a DTO bounded by LIMITS never overflows a column.
import { DataSource } from 'typeorm';
import { openDataSource } from '../../libs/persistence/src';

let db: DataSource;
beforeAll(async () => {
  db = await openDataSource(process.env.TEST_DATABASE_URL!);
});
afterAll(async () => db?.destroy());

describe('the schema agrees with the entities', () => {
  it('has each entity column with its declared length and nullability', async () => {
    const actual = await db.query(
      `SELECT table_name AS "table", column_name AS "column", character_maximum_length AS "length", is_nullable = 'YES' AS nullable
       FROM information_schema.columns WHERE table_schema = current_schema()`,
    );
    const byKey = new Map(actual.map((c: { table: string; column: string }) => [`${c.table}.${c.column}`, c]));
    const mismatches = db.entityMetadatas.flatMap((m) =>
      m.columns.map((c) => {
        const key = `${m.tableName}.${c.databaseName}`;
        const found = byKey.get(key) as { length: number | null; nullable: boolean } | undefined;
        const declared = { length: c.type === 'varchar' ? Number(c.length) : null, nullable: c.isNullable };
        return found && found.length === declared.length && found.nullable === declared.nullable ? null : { key, declared, found: found ?? 'missing' };
      }),
    );
    expect(mismatches.filter(Boolean)).toEqual([]);
  });
});
