// Mints a token from the local issuer (.data/issuer): npm run token -- --role KE_LEADER --municipalities 4601,4602 --sub lars --name "Lars Leder"
import { join } from 'node:path';
import { LocalIssuer, parseExpiresIn, ROLES } from '../libs/auth/src';
import type { Role } from '../libs/case-machine/src';
import { isKnownMunicipality, MUNICIPALITY_REGISTER } from '../libs/municipalities/src';
import { ROOT } from './services';

const OPTIONS = ['role', 'municipalities', 'sub', 'name', 'expires-in'];

const HELP = `Mints a bearer token for the local API from the local issuer (.data/issuer) and prints it.

Usage: npm run token -- [--role ROLE] [--municipalities NR[,NR...]] [--sub ID] [--name NAME] [--expires-in LIFETIME]

  --role ROLE              one of ${ROLES.join(', ')} (default KE_CASEWORKER)
  --municipalities NR,...  kommunenummer the person works for, comma-separated; an inter-municipal KE has several
                           (default 4601). Each must be in SSB's register (${MUNICIPALITY_REGISTER.version}, valid from ${MUNICIPALITY_REGISTER.validFrom}).
  --sub ID                 the person's id (default dev.<role>)
  --name NAME              the person's name (default "Dev <role>")
  --expires-in LIFETIME    how long the token is valid: seconds (900), or with a unit s, m, h, d (30m, 8h, 2d); default 8h
  --help                   this text

Example: npm run token -- --role KE_LEADER --municipalities 4601,4602 --sub lars --name "Lars Leder" --expires-in 30m`;

async function main() {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(HELP);
    return;
  }
  const values: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i].replace(/^--/, '');
    if (!args[i].startsWith('--') || !OPTIONS.includes(name)) throw new Error(`Unknown option ${args[i]}: see npm run token -- --help.`);
    if (args[i + 1] === undefined || args[i + 1].startsWith('--')) throw new Error(`--${name} needs a value: see npm run token -- --help.`);
    values[name] = args[i + 1];
  }
  const role = (values.role ?? 'KE_CASEWORKER') as Role;
  if (!ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}, not ${role}.`);
  const municipalities = (values.municipalities ?? '4601').split(',').map((m) => m.trim());
  const unknown = municipalities.filter((m) => !isKnownMunicipality(m));
  if (unknown.length) {
    throw new Error(
      `No token minted: ${unknown.join(', ')} ${unknown.length === 1 ? 'is not a municipality number' : 'are not municipality numbers'} in SSB's register (${MUNICIPALITY_REGISTER.version}, valid from ${MUNICIPALITY_REGISTER.validFrom}).`,
    );
  }
  let expiresIn: number;
  try {
    expiresIn = parseExpiresIn(values['expires-in'] ?? '8h');
  } catch (e) {
    throw new Error(`No token minted: --${(e as Error).message}.`);
  }
  const issuer = await LocalIssuer.open(join(ROOT, '.data/issuer'));
  console.log(await issuer.mint({ sub: values.sub ?? `dev.${role.toLowerCase()}`, name: values.name ?? `Dev ${role}`, role, municipalities }, { expiresIn }));
}
main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
