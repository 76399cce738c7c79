// Least privilege in PostgreSQL. Two roles besides the server's superuser:
//   the schema owner (DATABASE_OWNER_ROLE, default ke_ip_owner) owns the database, its schema and every table, and
//   runs the migrations (MIGRATION_DATABASE_URL);
//   the application role (DATABASE_APP_ROLE, default ke_ip_app) is what the API and the worker connect as
//   (DATABASE_URL): CONNECT, USAGE on the schema, and on each table exactly what APP_TABLE_PRIVILEGES names. It owns
//   nothing, creates nothing (no CREATE on the schema, no TEMPORARY on the database), and is not a superuser.
// provisionRoles (as a superuser, once per server and again whenever passwords change) creates both roles;
// grantAppPrivileges (as the owner, after every migration run) gives the application role its rights.
import { Client } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

export type TablePrivilege = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';

/**
 * What the API and the worker do to each table: every query in apps/api and apps/worker, and nothing more.
 * A migration that adds a table adds its line here; until it does, the migration run stops and names the table.
 * (Rather than ALTER DEFAULT PRIVILEGES, which would hand every later table, an append-only audit table too, the same
 * rights without anyone deciding it; and rather than GRANTs in each migration, which scatter what the role may do
 * over the history and are forgotten silently.) Each run makes the grants exactly this: a right taken out is revoked.
 */
export const APP_TABLE_PRIVILEGES: Readonly<Record<string, readonly TablePrivilege[]>> = {
  // The read model the worker projects (INSERT ... ON CONFLICT DO UPDATE) and the API reads.
  ip_case: ['SELECT', 'INSERT', 'UPDATE'],
  case_task: ['SELECT', 'INSERT', 'UPDATE'],
  case_deadline: ['SELECT', 'INSERT', 'UPDATE'],
  case_incident: ['SELECT', 'INSERT', 'UPDATE'],
  // Written once per case (ON CONFLICT DO NOTHING), never changed.
  case_subject: ['SELECT', 'INSERT'],
  // Append only: the worker inserts (ON CONFLICT DO NOTHING RETURNING seq), the API reads; no UPDATE, no DELETE.
  case_history: ['SELECT', 'INSERT'],
  // Immutable too: the worker adds a case's version with its history row, the API reads it (GET /cases/:id/as-of).
  case_version: ['SELECT', 'INSERT'],
  // Read by the worker and the API, written by the API (a KE leader's PUT).
  municipality_settings: ['SELECT', 'INSERT', 'UPDATE'],
  // Internal-control targets: read by the report, set by a KE leader's PUT (one row per indicator, kept).
  internal_control_target: ['SELECT', 'INSERT', 'UPDATE'],
  // Stored monthly internal-control reports: the worker inserts each once (ON CONFLICT DO NOTHING), the API reads; immutable.
  internal_control_report: ['SELECT', 'INSERT'],
  // Who read or did what, and why: the API writes it and reads it back for a case's own log and the monthly review;
  // never UPDATE or DELETE (a trigger refuses both to everyone as well).
  access_log: ['SELECT', 'INSERT'],
  // The monthly log review (K18): recorded once per municipality and month, never changed.
  access_log_review: ['SELECT', 'INSERT'],
  // The internal-control audit trail: appended (in the projection's transaction) and read, never changed.
  audit_entry: ['SELECT', 'INSERT'],
  // The coordinators' training register (hol § 7-3): recorded and read, never changed (a mistake is a new record).
  coordinator_training: ['SELECT', 'INSERT'],
  // The archive delivery: folder and outbox rows inserted in the projection's transaction, their state and the
  // archive's ids updated by the delivery activities; documents inserted once; incidents opened and marked retried;
  // the municipality's AGREE settings set by a KE leader's PUT.
  archive_folder: ['SELECT', 'INSERT', 'UPDATE'],
  archive_record: ['SELECT', 'INSERT', 'UPDATE'],
  archive_document: ['SELECT', 'INSERT'],
  archive_incident: ['SELECT', 'INSERT', 'UPDATE'],
  archive_settings: ['SELECT', 'INSERT', 'UPDATE'],
  // Idempotency-Key leases: taken, read, completed, released.
  api_idempotency: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  // TypeORM's record of applied migrations: the owner's alone.
  schema_migrations: [],
};

export const DEFAULT_OWNER_ROLE = 'ke_ip_owner';
export const DEFAULT_APP_ROLE = 'ke_ip_app';

/** Role names are plain lower-case identifiers: no quoting surprises in GRANT statements or URLs. */
const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export class RoleSetupError extends Error {}

export function roleName(value: string | undefined, fallback: string, variable: string): string {
  const name = value || fallback;
  if (!ROLE_NAME.test(name)) throw new RoleSetupError(`${variable} must be a lower-case PostgreSQL identifier (a-z, 0-9, _), not ${JSON.stringify(name)}`);
  return name;
}

/** The application role's name: DATABASE_APP_ROLE, default ke_ip_app. */
export const appRoleName = (env: Record<string, string | undefined> = process.env) => roleName(env.DATABASE_APP_ROLE, DEFAULT_APP_ROLE, 'DATABASE_APP_ROLE');
/** The schema owner's name: DATABASE_OWNER_ROLE, default ke_ip_owner. */
export const ownerRoleName = (env: Record<string, string | undefined> = process.env) => roleName(env.DATABASE_OWNER_ROLE, DEFAULT_OWNER_ROLE, 'DATABASE_OWNER_ROLE');

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

export interface RoleLogin {
  name: string;
  password: string;
}

export interface ProvisionedUrls {
  /** The schema owner's URL: migrations (MIGRATION_DATABASE_URL). */
  ownerUrl: string;
  /** The application role's URL: the API and the worker (DATABASE_URL). */
  appUrl: string;
}

/** adminUrl with another user and password: same server, same database. */
export function urlFor(adminUrl: string, login: RoleLogin): string {
  const url = new URL(adminUrl);
  url.username = encodeURIComponent(login.name);
  url.password = encodeURIComponent(login.password);
  return url.toString();
}

/**
 * As a superuser on the case database (adminUrl): creates the owner and the application role, or brings them to
 * what they must be (login with these passwords, no superuser, no CREATEDB/CREATEROLE/REPLICATION/BYPASSRLS, neither a
 * member of the other); makes the owner own the database and its schema, and take over tables an earlier setup left
 * to another role (a cluster migrated as the superuser before these roles existed); and takes TEMPORARY and CONNECT
 * on the database from PUBLIC, giving CONNECT to the application role. Idempotent.
 */
export async function provisionRoles(adminUrl: string, owner: RoleLogin, app: RoleLogin): Promise<ProvisionedUrls> {
  for (const [r, variable] of [[owner, 'DATABASE_OWNER_ROLE'], [app, 'DATABASE_APP_ROLE']] as const) {
    roleName(r.name, r.name, variable);
    if (!r.password) throw new RoleSetupError(`no password for the role ${r.name}: set ${variable === 'DATABASE_APP_ROLE' ? 'APP_DB_PASSWORD' : 'OWNER_DB_PASSWORD'}`);
  }
  if (owner.name === app.name) throw new RoleSetupError(`the application role must not be the schema owner (both are ${owner.name})`);
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const [me] = (await client.query(`SELECT current_user AS me, current_database() AS db, current_schema() AS schema, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS super`)).rows;
    if (!me.super) throw new RoleSetupError(`provisioning the database roles needs a superuser, and ${me.me} is not one: use the server's superuser in DATABASE_ADMIN_URL, or have a DBA create the roles`);
    if ([owner.name, app.name].includes(me.me)) throw new RoleSetupError(`the superuser ${me.me} cannot be the schema owner or the application role: choose other role names`);
    if (!me.schema) throw new RoleSetupError(`the database ${me.db} has no schema on the search path: create the schema public`);
    await client.query('BEGIN');
    for (const r of [owner, app]) {
      const exists = (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [r.name])).rowCount;
      await client.query(
        `${exists ? 'ALTER' : 'CREATE'} ROLE ${ident(r.name)} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT PASSWORD ${client.escapeLiteral(r.password)}`,
      );
    }
    // Neither role may borrow the other's rights.
    for (const [member, of] of [[app, owner], [owner, app]]) {
      const granted = await client.query('SELECT 1 FROM pg_auth_members WHERE member = (SELECT oid FROM pg_roles WHERE rolname = $1) AND roleid = (SELECT oid FROM pg_roles WHERE rolname = $2)', [member.name, of.name]);
      if (granted.rowCount) await client.query(`REVOKE ${ident(of.name)} FROM ${ident(member.name)}`);
    }
    const db = ident(me.db);
    const schema = ident(me.schema);
    await client.query(`ALTER DATABASE ${db} OWNER TO ${ident(owner.name)}`);
    await client.query(`REVOKE ALL ON DATABASE ${db} FROM PUBLIC`);
    await client.query(`REVOKE ALL ON DATABASE ${db} FROM ${ident(app.name)}`);
    await client.query(`GRANT CONNECT ON DATABASE ${db} TO ${ident(app.name)}`);
    await client.query(`ALTER SCHEMA ${schema} OWNER TO ${ident(owner.name)}`);
    await client.query(`REVOKE CREATE ON SCHEMA ${schema} FROM PUBLIC`);
    // Tables (their indexes and sequences follow) and free-standing sequences another role owns, extensions' aside.
    const foreign = await client.query(
      `SELECT c.relname AS name, c.relkind AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = $2)
         AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('e', 'a', 'i'))
       ORDER BY c.relkind = 'S', c.relname`,
      [me.schema, owner.name],
    );
    for (const { name, kind } of foreign.rows) {
      const what = kind === 'S' ? 'SEQUENCE' : kind === 'v' ? 'VIEW' : kind === 'm' ? 'MATERIALIZED VIEW' : kind === 'f' ? 'FOREIGN TABLE' : 'TABLE';
      await client.query(`ALTER ${what} ${schema}.${ident(name)} OWNER TO ${ident(owner.name)}`);
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await client.end().catch(() => undefined);
  }
  return { ownerUrl: urlFor(adminUrl, owner), appUrl: urlFor(adminUrl, app) };
}

/**
 * As the schema owner, after the migrations: the application role gets USAGE on the schema and, on each table,
 * exactly APP_TABLE_PRIVILEGES (everything else revoked, from PUBLIC too), and USAGE on the sequences of the tables it
 * inserts into. Refuses a table the map does not name, a line for a table that does not exist, and an application role
 * that is missing, a superuser, the owner, or a member of it.
 */
export async function grantAppPrivileges(db: DataSource, appRole: string, privileges = APP_TABLE_PRIVILEGES): Promise<void> {
  roleName(appRole, appRole, 'DATABASE_APP_ROLE');
  await db.transaction(async (m: EntityManager) => {
    const [me] = await m.query(`SELECT current_user AS me, current_schema() AS schema`);
    const [role] = await m.query(`SELECT rolsuper AS super, pg_has_role(rolname, current_user, 'MEMBER') AS "memberOfOwner" FROM pg_roles WHERE rolname = $1`, [appRole]);
    if (!role) throw new RoleSetupError(`the application role ${appRole} does not exist: create it first (provisioning, see the README's least privilege paragraph)`);
    if (appRole === me.me) throw new RoleSetupError(`the application role ${appRole} is the schema owner the migrations run as: the API and the worker must connect as another role`);
    if (role.super) throw new RoleSetupError(`the application role ${appRole} is a superuser: it must not be (ALTER ROLE ${appRole} NOSUPERUSER)`);
    if (role.memberOfOwner) throw new RoleSetupError(`the application role ${appRole} is a member of the schema owner ${me.me} and would have all its rights: REVOKE ${me.me} FROM ${appRole}`);
    const tables: { name: string; owner: string }[] = await m.query(
      `SELECT c.relname AS name, pg_get_userbyid(c.relowner) AS owner FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f') ORDER BY c.relname`,
      [me.schema],
    );
    const names = tables.map((t) => t.name);
    const ownedByOthers = tables.filter((t) => t.owner !== me.me);
    if (ownedByOthers.length) {
      const list = ownedByOthers.map((t) => `${t.name} (${t.owner})`).join(', ');
      throw new RoleSetupError(`the schema owner ${me.me} does not own ${list}: the owner of a table may change it at will (provisioning hands such tables to the owner)`);
    }
    const unnamed = names.filter((t) => !Object.hasOwn(privileges, t));
    if (unnamed.length) {
      throw new RoleSetupError(`table ${unnamed.join(', ')} has no line in APP_TABLE_PRIVILEGES (libs/persistence/src/roles.ts): say what the API and the worker may do with it ([] for nothing)`);
    }
    const stale = Object.keys(privileges).filter((t) => !names.includes(t));
    if (stale.length) throw new RoleSetupError(`APP_TABLE_PRIVILEGES names ${stale.join(', ')}, which the migrated schema does not have: take the line out`);

    const schema = ident(me.schema);
    const app = ident(appRole);
    await m.query(`GRANT USAGE ON SCHEMA ${schema} TO ${app}`);
    await m.query(`REVOKE CREATE ON SCHEMA ${schema} FROM PUBLIC, ${app}`);
    for (const t of names) {
      await m.query(`REVOKE ALL ON TABLE ${schema}.${ident(t)} FROM PUBLIC, ${app}`);
      if (privileges[t].length) await m.query(`GRANT ${privileges[t].join(', ')} ON TABLE ${schema}.${ident(t)} TO ${app}`);
    }
    const sequences: { name: string; table: string | null }[] = await m.query(
      `SELECT s.relname AS name, t.relname AS "table" FROM pg_class s JOIN pg_namespace n ON n.oid = s.relnamespace
       LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
       LEFT JOIN pg_class t ON t.oid = d.refobjid
       WHERE n.nspname = $1 AND s.relkind = 'S'`,
      [me.schema],
    );
    for (const s of sequences) {
      await m.query(`REVOKE ALL ON SEQUENCE ${schema}.${ident(s.name)} FROM PUBLIC, ${app}`);
      if (s.table && privileges[s.table]?.includes('INSERT')) await m.query(`GRANT USAGE ON SEQUENCE ${schema}.${ident(s.name)} TO ${app}`);
    }
  });
}
