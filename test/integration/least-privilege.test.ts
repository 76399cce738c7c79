// Least privilege in PostgreSQL (issue 9): the migrations run as the schema owner; the API, the worker and every
// harness of these tests connect as the application role, which may change no schema, owns nothing, is no superuser,
// and has on each table exactly what APP_TABLE_PRIVILEGES names. That the rest of the suite passes as this role proves
// the grants are enough; this file proves they are no more.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { APP_TABLE_PRIVILEGES, appRoleName, grantAppPrivileges, migrate, openDataSource, provisionRoles } from '../../libs/persistence/src';
import { freePort, startEmbeddedPostgres, stop } from '../../scripts/services';
import { Api, openApi } from '../support/api';
import { Harness, openHarness } from '../support/harness';
import { asOwner, queryAs } from '../support/owner';

const APP = appRoleName();

const run = queryAs;
const asApp = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => run<T>(process.env.TEST_DATABASE_URL!, sql, params);

/** The SQLSTATE a statement fails with as the application role, or 'succeeded'. */
async function stateOf(sql: string): Promise<string> {
  try {
    await asApp(sql);
    return 'succeeded';
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
}

let owner: string;
beforeAll(async () => {
  [{ owner }] = await asOwner<{ owner: string }>('SELECT current_user AS owner');
});

describe('the application role', () => {
  it('is who DATABASE_URL connects as: not a superuser, owner of nothing, no member of the owner, and not the owner', async () => {
    const [me] = await asApp<Record<string, unknown>>(
      `SELECT current_user AS name, r.rolsuper AS super, r.rolcreaterole AS "createRole", r.rolcreatedb AS "createDb", r.rolbypassrls AS "bypassRls",
         r.rolreplication AS replication, pg_has_role(current_user, $1, 'MEMBER') AS "memberOfOwner",
         (SELECT count(*)::int FROM pg_class WHERE relowner = r.oid) AS "ownsRelations",
         (SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = current_schema()) AS "schemaOwner",
         (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()) AS "databaseOwner"
       FROM pg_roles r WHERE r.rolname = current_user`,
      [owner],
    );
    expect(me).toEqual({
      name: APP,
      super: false,
      createRole: false,
      createDb: false,
      bypassRls: false,
      replication: false,
      memberOfOwner: false,
      ownsRelations: 0,
      schemaOwner: owner,
      databaseOwner: owner,
    });
    expect(owner).not.toBe(APP);
    // The owner the migrations ran as is no superuser either, and owns every table.
    const [o] = await asOwner<{ super: boolean; foreign: number }>(
      `SELECT rolsuper AS super, (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relowner <> r.oid) AS foreign FROM pg_roles r WHERE rolname = current_user`,
    );
    expect(o).toEqual({ super: false, foreign: 0 });
  });

  it.each([
    ['CREATE TABLE', 'CREATE TABLE lp_probe (id int)'],
    ['ALTER TABLE', 'ALTER TABLE case_history ADD COLUMN lp_probe int'],
    ['ALTER TABLE (a constraint)', `ALTER TABLE case_history ADD CONSTRAINT lp_probe CHECK (seq > 0)`],
    ['DROP TABLE', 'DROP TABLE case_history'],
    ['TRUNCATE', 'TRUNCATE access_log'],
    ['CREATE INDEX', 'CREATE INDEX lp_probe ON case_task (kind)'],
    ['CREATE TEMP TABLE', 'CREATE TEMP TABLE lp_probe (id int)'],
    ['CREATE SCHEMA', 'CREATE SCHEMA lp_probe'],
    ['CREATE FUNCTION', `CREATE FUNCTION lp_probe() RETURNS int LANGUAGE sql AS 'SELECT 1'`],
  ])('may not change the schema: %s fails with 42501', async (_what, sql) => {
    expect(await stateOf(sql)).toBe('42501');
  });

  it.each([
    ['change history (append only)', 'UPDATE case_history SET event_type = event_type'],
    ['delete history (append only)', 'DELETE FROM case_history'],
    ['change a case subject', 'UPDATE case_subject SET name = name'],
    ['delete a case', 'DELETE FROM ip_case'],
    ['delete a task', 'DELETE FROM case_task'],
    ['change the access log', 'UPDATE access_log SET outcome = outcome'],
    ['delete from the access log', 'DELETE FROM access_log'],
    ['change a log review (append only)', 'UPDATE access_log_review SET findings = findings'],
    ['delete a log review (append only)', 'DELETE FROM access_log_review'],
    ['read the migrations record', 'SELECT 1 FROM schema_migrations LIMIT 1'],
  ])('has no right the code does not use: %s fails with 42501', async (_what, sql) => {
    expect(await stateOf(sql)).toBe('42501');
  });

  it('reads the access log (a case\'s own log, the monthly review) and may append to it', async () => {
    expect(await stateOf('SELECT 1 FROM access_log LIMIT 1')).toBe('succeeded');
    expect(await stateOf('SELECT 1 FROM access_log_review LIMIT 1')).toBe('succeeded');
  });

  it.each([
    ['UPDATE', `UPDATE access_log SET outcome = outcome WHERE id = (SELECT min(id) FROM access_log)`],
    ['DELETE', `DELETE FROM access_log WHERE id = (SELECT min(id) FROM access_log)`],
    ['TRUNCATE', 'TRUNCATE access_log'],
    ['UPDATE a review', 'UPDATE access_log_review SET findings = findings'],
    ['TRUNCATE the reviews', 'TRUNCATE access_log_review'],
  ])('keeps the access log append-only for the schema owner too (a trigger, the second wall): %s is refused', async (_what, sql) => {
    await asOwner(`INSERT INTO access_log (at, actor_sub, actor_role, action, resource, outcome) VALUES (now(), 'lp-probe', 'AUDITOR', 'READ', 'cases', 200)`);
    await asOwner(`INSERT INTO access_log_review (review_id, municipality, month, reviewed_by, reviewed_by_name, reviewed_at, findings, proposal_counts)
      VALUES (gen_random_uuid(), '0301', '1999-01', 'lp-probe', 'Probe', now(), 'none', '{}') ON CONFLICT DO NOTHING`);
    await expect(asOwner(sql)).rejects.toMatchObject({ code: '42501', message: expect.stringMatching(/is append-only/) });
  });

  it('has on each table exactly the rights APP_TABLE_PRIVILEGES names', async () => {
    const rows = await asApp<{ table: string; privilege: string }>(
      `SELECT table_name AS "table", privilege_type AS privilege FROM information_schema.role_table_grants
       WHERE grantee = current_user AND table_schema = current_schema() ORDER BY 1, 2`,
    );
    const held: Record<string, string[]> = {};
    for (const r of rows) (held[r.table] ??= []).push(r.privilege);
    const expected = Object.fromEntries(Object.entries(APP_TABLE_PRIVILEGES).filter(([, p]) => p.length).map(([t, p]) => [t, [...p].sort()]));
    expect(held).toEqual(expected);
    // Only the access log's sequence (bigserial): the one table with a serial the role inserts into.
    const seqs = await asApp(`SELECT sequence_name FROM information_schema.usage_privileges u JOIN information_schema.sequences s ON s.sequence_name = u.object_name
       WHERE u.grantee = current_user AND u.object_type = 'SEQUENCE'`);
    expect(seqs).toEqual([{ sequence_name: 'access_log_id_seq' }]);
  });
});

describe('the API and the worker of the test harness', () => {
  let h: Harness;
  let api: Api;
  beforeAll(async () => {
    h = await openHarness();
    api = await openApi(h.taskQueue);
  });
  afterAll(async () => {
    await api?.close();
    await h?.close();
  });

  it('connect as the application role', async () => {
    // h.db is the worker's DataSource (its projection activities write through it).
    expect(await h.db.query('SELECT current_user AS who')).toEqual([{ who: APP }]);
    expect(await api.app.get(DataSource).query('SELECT current_user AS who')).toEqual([{ who: APP }]);
    // And as the server sees it: the API's and the worker's pools hold sessions of the application role, none of the owner.
    const sessions = `SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = current_user AND datname = current_database() AND pid <> pg_backend_pid()`;
    expect((await asApp<{ n: number }>(sessions))[0].n).toBeGreaterThan(0);
    expect(await asOwner(sessions)).toEqual([{ n: 0 }]);
  });
});

describe('the grants, as the migrations give them', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openDataSource(process.env.TEST_MIGRATION_DATABASE_URL!, 1);
  });
  afterAll(async () => {
    await db.query('DROP TABLE IF EXISTS lp_unlisted');
    await grantAppPrivileges(db, APP); // as the migrations left them
    await db?.destroy();
  });

  it('stop the migration run at a table a migration added without a line in APP_TABLE_PRIVILEGES, naming it', async () => {
    await db.query('CREATE TABLE lp_unlisted (id int)');
    await expect(grantAppPrivileges(db, APP)).rejects.toThrow(/lp_unlisted has no line in APP_TABLE_PRIVILEGES/);
    expect(await stateOf('SELECT * FROM lp_unlisted')).toBe('42501');
    await db.query('DROP TABLE lp_unlisted');
    await expect(grantAppPrivileges(db, APP)).resolves.toBeUndefined();
  });

  it('are made exactly the map on every run: a right taken out of it is revoked', async () => {
    expect(await stateOf(`UPDATE case_task SET kind = kind WHERE false`)).toBe('succeeded');
    await grantAppPrivileges(db, APP, { ...APP_TABLE_PRIVILEGES, case_task: ['SELECT'] });
    expect(await stateOf(`UPDATE case_task SET kind = kind WHERE false`)).toBe('42501');
    await grantAppPrivileges(db, APP);
    expect(await stateOf(`UPDATE case_task SET kind = kind WHERE false`)).toBe('succeeded');
  });

  it('are refused to the owner itself and to a superuser', async () => {
    await expect(grantAppPrivileges(db, owner)).rejects.toThrow(/is the schema owner/);
    await expect(grantAppPrivileges(db, 'postgres')).rejects.toThrow(/is a superuser/);
    await expect(grantAppPrivileges(db, 'ke_ip_nobody')).rejects.toThrow(/does not exist/);
  });
});

describe('provisioning the roles', () => {
  it('takes over a database migrated as the superuser before the roles existed, and can run again', async () => {
    const pg = await startEmbeddedPostgres(join(mkdtempSync(join(tmpdir(), 'ke-ip-lp-')), 'pg'), await freePort(), true);
    try {
      // The embedded default before issue 9: everything migrated (and owned) by the superuser.
      const old = await openDataSource(pg.url, 1);
      await old.runMigrations({ transaction: 'each' });
      await old.destroy();
      const roles = [{ name: 'lp_owner', password: 'o-secret' }, { name: 'lp_app', password: 'a-secret' }] as const;
      await provisionRoles(pg.url, ...roles);
      const { ownerUrl, appUrl } = await provisionRoles(pg.url, ...roles);
      expect(await migrate(ownerUrl, 'lp_app')).toEqual([]); // nothing pending: the superuser had applied them
      const owners = await run<{ owner: string }>(ownerUrl, `SELECT DISTINCT pg_get_userbyid(relowner) AS owner FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND relkind IN ('r', 'S')`);
      expect(owners).toEqual([{ owner: 'lp_owner' }]);
      expect(await run(appUrl, 'SELECT current_user AS who')).toEqual([{ who: 'lp_app' }]);
      await run(appUrl, `INSERT INTO access_log (at, actor_sub, actor_role, action, resource, outcome) VALUES (now(), 'x', 'AUDITOR', 'READ', 'cases', 200)`);
      await expect(run(appUrl, 'DROP TABLE access_log')).rejects.toMatchObject({ code: '42501' });
      await expect(run(appUrl, 'CREATE TABLE lp_probe (id int)')).rejects.toMatchObject({ code: '42501' });
      // A password given anew is the one that works.
      await provisionRoles(pg.url, roles[0], { name: 'lp_app', password: 'rotated' });
      await expect(run(appUrl, 'SELECT 1')).rejects.toMatchObject({ code: '28P01' });
    } finally {
      await stop(pg.process);
    }
  });
});
