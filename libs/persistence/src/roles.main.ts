// The provisioning job (`node dist/libs/persistence/src/roles.main.js`, compose's db-roles): as a superuser
// (DATABASE_ADMIN_URL, on the case database) creates or updates the schema owner (DATABASE_OWNER_ROLE, default
// ke_ip_owner, password OWNER_DB_PASSWORD) and the application role (DATABASE_APP_ROLE, default ke_ip_app, password
// APP_DB_PASSWORD). Idempotent: run it before the migrations, and again to change a password.
import { appRoleName, ownerRoleName, provisionRoles, RoleSetupError } from './roles';

async function main() {
  const adminUrl = process.env.DATABASE_ADMIN_URL;
  if (!adminUrl) throw new RoleSetupError('DATABASE_ADMIN_URL is required: a superuser on the case database, to create the schema owner and the application role');
  const owner = { name: ownerRoleName(), password: process.env.OWNER_DB_PASSWORD ?? '' };
  const app = { name: appRoleName(), password: process.env.APP_DB_PASSWORD ?? '' };
  await provisionRoles(adminUrl, owner, app);
  console.log(`roles ready: ${owner.name} owns the schema, ${app.name} connects the API and the worker`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
