// Mints a token from the local issuer (.data/issuer): npm run token -- --role KE_LEADER --municipalities 4601,4602 --sub lars --name "Lars Leder"
import { join } from 'node:path';
import { LocalIssuer, ROLES } from '../libs/auth/src';
import type { Role } from '../libs/case-machine/src';
import { ROOT } from './services';

async function main() {
  const args = process.argv.slice(2);
  const opt = (name: string, fallback: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
  };
  const role = opt('role', 'KE_CASEWORKER') as Role;
  if (!ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  const issuer = await LocalIssuer.open(join(ROOT, '.data/issuer'));
  console.log(await issuer.mint({ sub: opt('sub', `dev.${role.toLowerCase()}`), name: opt('name', `Dev ${role}`), role, municipalities: opt('municipalities', '4601').split(',') }));
}
main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
