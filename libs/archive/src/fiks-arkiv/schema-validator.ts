// Validates a Fiks Arkiv V1 payload against the official KS schemas (../shared/noark5/xsd/fiks-arkiv-v1, or the folder
// FIKS_ARKIV_XSD_DIR names) with libxml2's own validator, compiled to WebAssembly (xmllint-wasm): the same check as
// `xmllint --schema`, without a native build. Every schema of the folder is preloaded, so the xs:import/xs:include
// chains resolve inside the in-memory file system.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { validateXML, type XMLFileInfo } from 'xmllint-wasm';

/** The payload schema of each Fiks Arkiv message or reply type the engine sends or reads. */
export const PAYLOAD_SCHEMA = {
  'no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett': 'no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett.xsd',
  'no.ks.fiks.arkiv.v1.arkivering.arkivmelding.oppdater': 'no.ks.fiks.arkiv.v1.arkivering.arkivmelding.oppdater.xsd',
  'no.ks.fiks.arkiv.v1.arkivering.avskrivning.opprett': 'no.ks.fiks.arkiv.v1.arkivering.avskrivning.opprett.xsd',
  'no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett.kvittering': 'no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett.kvittering.xsd',
  'no.ks.fiks.arkiv.v1.feilmelding.ugyldigforespoersel': 'no.ks.fiks.arkiv.v1.feilmelding.ugyldigforespoersel.xsd',
  'no.ks.fiks.arkiv.v1.feilmelding.serverfeil': 'no.ks.fiks.arkiv.v1.feilmelding.serverfeil.xsd',
  'no.ks.fiks.arkiv.v1.feilmelding.ikkefunnet': 'no.ks.fiks.arkiv.v1.feilmelding.ikkefunnet.xsd',
} as const;
export type SchemaMessageType = keyof typeof PAYLOAD_SCHEMA;

/**
 * The folder of the official schemas: FIKS_ARKIV_XSD_DIR, else the shared copy beside the repository — found from the
 * repository's root (the folder with package.json above this file), so it is the same from the sources and from dist/.
 */
export function fiksArkivSchemaDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.FIKS_ARKIV_XSD_DIR) return resolve(env.FIKS_ARKIV_XSD_DIR);
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return resolve(dir, '../shared/noark5/xsd/fiks-arkiv-v1');
}

/** Whether the schemas are there to check against (a production image brings them through FIKS_ARKIV_XSD_DIR). */
export const schemasAvailable = (dir = fiksArkivSchemaDir()) => existsSync(join(dir, PAYLOAD_SCHEMA['no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett']));

export interface SchemaValidation {
  valid: boolean;
  /** xmllint's messages, each with its line: what the archive would answer with ugyldigforespoersel. */
  errors: string[];
}

const preloads = new Map<string, XMLFileInfo[]>();
function schemasOf(dir: string): XMLFileInfo[] {
  let files = preloads.get(dir);
  if (!files) {
    files = readdirSync(dir).filter((f) => f.endsWith('.xsd')).map((f) => ({ fileName: f, contents: readFileSync(join(dir, f), 'utf8') }));
    preloads.set(dir, files);
  }
  return files;
}

/** Checks one payload against the schema of its message type. */
export async function validatePayload(messageType: SchemaMessageType, xml: string, dir = fiksArkivSchemaDir()): Promise<SchemaValidation> {
  const schemaFile = PAYLOAD_SCHEMA[messageType];
  if (!schemaFile) throw new Error(`no schema for message type ${messageType}`);
  const all = schemasOf(dir);
  const schema = all.find((f) => f.fileName === schemaFile);
  if (!schema) throw new Error(`${schemaFile} is not in ${dir}`);
  const result = await validateXML({
    xml: [{ fileName: 'arkivmelding.xml', contents: xml }],
    schema: [schema],
    preload: all.filter((f) => f !== schema),
    maxMemoryPages: 4096,
  });
  return { valid: result.valid, errors: result.errors.map((e) => (e.loc ? `line ${e.loc.lineNumber}: ${e.message}` : e.message)) };
}
