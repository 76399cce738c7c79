import { types } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';

// A civil date (deadline, birth date) stays 'YYYY-MM-DD': parsing it into a Date would shift it by the server's zone.
types.setTypeParser(types.builtins.DATE, (value: string) => value);
import { ENTITIES } from './entities';
import { InitialSchema1795300000000 } from './migrations/1795300000000-initial-schema';
import { TaskWork1795310000000 } from './migrations/1795310000000-task-work';
import { ApiIdempotency1795320000000 } from './migrations/1795320000000-api-idempotency';
import { InboxIndexes1795330000000 } from './migrations/1795330000000-inbox-indexes';
import { TruthfulAnswers1795340000000 } from './migrations/1795340000000-truthful-answers';
import { CaseIncidents1795350000000 } from './migrations/1795350000000-case-incidents';
import { AccessLogContext1795360000000 } from './migrations/1795360000000-access-log-context';
import { AccessLogPurpose1795370000000 } from './migrations/1795370000000-access-log-purpose';
import { AuditTrail1795365000000 } from './migrations/1795365000000-audit-trail';
import { CaseVersions1795380000000 } from './migrations/1795380000000-case-versions';
import { CoordinatorTraining1795390000000 } from './migrations/1795390000000-coordinator-training';
import { InternalControl1795400000000 } from './migrations/1795400000000-internal-control';
import { InternalControlReports1795410000000 } from './migrations/1795410000000-internal-control-reports';
import { ArchiveOutbox1795420000000 } from './migrations/1795420000000-archive-outbox';
import { ScaleIndexes1795430000000 } from './migrations/1795430000000-scale-indexes';
import { grantAppPrivileges } from './roles';

// One migration per line: branches that each add one merge without touching the same line.
export const MIGRATIONS = [
  InitialSchema1795300000000,
  TaskWork1795310000000,
  ApiIdempotency1795320000000,
  InboxIndexes1795330000000,
  TruthfulAnswers1795340000000,
  CaseIncidents1795350000000,
  AccessLogContext1795360000000,
  AuditTrail1795365000000,
  AccessLogPurpose1795370000000,
  CaseVersions1795380000000,
  CoordinatorTraining1795390000000,
  InternalControl1795400000000,
  InternalControlReports1795410000000,
  ArchiveOutbox1795420000000,
  ScaleIndexes1795430000000,
];

/** TypeORM options for the case database. Schema changes only through migrations: synchronize stays off. */
export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    // Extensions come with migrations too: no CREATE EXTENSION at connect (the application role may not, and should not).
    installExtensions: false,
    extra: { max: poolSize },
  };
}

export async function openDataSource(url: string, poolSize = 10): Promise<DataSource> {
  return new DataSource(dataSourceOptions(url, poolSize)).initialize();
}

/**
 * Applies pending migrations as the schema owner (url), then gives the application role (appRole) exactly its rights
 * on the migrated schema (roles.ts, APP_TABLE_PRIVILEGES): the API and the worker connect as that role, never as this.
 */
export async function migrate(url: string, appRole: string): Promise<string[]> {
  const ds = await openDataSource(url, 1);
  try {
    const done = await ds.runMigrations({ transaction: 'each' });
    await grantAppPrivileges(ds, appRole);
    return done.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
