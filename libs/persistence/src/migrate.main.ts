// The migration job (`node dist/libs/persistence/src/migrate.main.js`, `npm run migration:run`): applies pending
// migrations as the schema owner (MIGRATION_DATABASE_URL), then grants the application role (DATABASE_APP_ROLE,
// default ke_ip_app) exactly its rights. DATABASE_URL, the application role's own URL, is not used here.
import 'reflect-metadata';
import { migrate } from './data-source';
import { appRoleName, RoleSetupError } from './roles';

async function main() {
  const url = process.env.MIGRATION_DATABASE_URL;
  if (!url) throw new RoleSetupError('MIGRATION_DATABASE_URL is required: the schema owner migrations run as (DATABASE_URL is the application role the API and the worker use)');
  const names = await migrate(url, appRoleName());
  console.log(names.length ? `applied: ${names.join(', ')}` : 'schema is up to date');
  console.log(`privileges of ${appRoleName()} granted`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
