// Validates a Fiks Arkiv V1 payload against the official KS schemas (../shared/noark5/xsd/fiks-arkiv-v1, or the folder
// FIKS_ARKIV_XSD_DIR names) with libxml2's own validator, compiled to WebAssembly (libxml2-wasm): the same check as
// `xmllint --schema`, without a native build.
//
// Each schema is compiled once and kept: compiling the 27 files costs ~50 ms, checking a message with the compiled
// schema about 1 ms (the xmllint command compiled them again on every call, ~300 ms). libxml2-wasm is an ES module with
// top-level await, which a CommonJS process cannot require, so it runs in one worker thread per schema folder; that also
// keeps the check off the event loop of the worker, API or peer that asks for it.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

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
  /** libxml2's messages, each with its line: what the archive would answer with ugyldigforespoersel. */
  errors: string[];
}

/**
 * The worker thread's code (plain JavaScript, evaluated as is, so no transpiler or coverage tool rewrites it). The
 * schemas' xs:import/xs:include chains resolve from the folder's files, held in memory, by their file name.
 */
const VALIDATOR_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const { readdirSync, readFileSync } = require('node:fs');
const { join, basename } = require('node:path');
const files = new Map(readdirSync(workerData.dir).filter((f) => f.endsWith('.xsd')).map((f) => [f, readFileSync(join(workerData.dir, f))]));
import(workerData.library).then(({ XmlDocument, XsdValidator, xmlRegisterInputProvider }) => {
  const open = new Map();
  let next = 1;
  xmlRegisterInputProvider({
    match: (name) => files.has(basename(name)),
    open: (name) => { const fd = next++; open.set(fd, { bytes: files.get(basename(name)), at: 0 }); return fd; },
    read: (fd, buf) => { const f = open.get(fd); const n = Math.min(buf.length, f.bytes.length - f.at); buf.set(f.bytes.subarray(f.at, f.at + n)); f.at += n; return n; },
    close: (fd) => open.delete(fd),
  });
  const validators = new Map();
  const validatorOf = (schemaFile) => {
    let v = validators.get(schemaFile);
    if (!v) {
      const xsd = XmlDocument.fromBuffer(files.get(schemaFile), { url: schemaFile });
      try { v = XsdValidator.fromDoc(xsd); } finally { xsd.dispose(); }
      validators.set(schemaFile, v);
    }
    return v;
  };
  const lines = (e) => (e.details && e.details.length ? e.details.map((d) => (d.line ? 'line ' + d.line + ': ' : '') + String(d.message).trim()) : [String(e.message).trim()]);
  parentPort.on('message', ({ id, schemaFile, xml }) => {
    let result;
    try {
      if (!files.has(schemaFile)) throw new Error(schemaFile + ' is not in ' + workerData.dir);
      const validator = validatorOf(schemaFile);
      let doc;
      try {
        doc = XmlDocument.fromString(xml, { url: 'arkivmelding.xml' });
        validator.validate(doc);
        result = { valid: true, errors: [] };
      } catch (e) {
        result = e && e.details ? { valid: false, errors: lines(e) } : { failure: String(e && e.message || e) };
      } finally {
        if (doc) doc.dispose();
      }
    } catch (e) {
      result = { failure: String(e && e.message || e) };
    }
    parentPort.postMessage({ id, result });
  });
  parentPort.postMessage({ ready: true });
}, (e) => parentPort.postMessage({ broken: String(e && e.message || e) }));
`;

type Reply = { id: number; result: SchemaValidation | { failure: string } } | { ready: true } | { broken: string };

/** One thread per schema folder; it keeps the process alive only while a check is waiting for its answer. */
class ValidatorThread {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (v: SchemaValidation) => void; reject: (e: Error) => void }>();
  private next = 1;

  constructor(dir: string, onExit: () => void) {
    this.worker = new Worker(VALIDATOR_THREAD, { eval: true, workerData: { dir, library: pathToFileURL(require.resolve('libxml2-wasm')).href } });
    this.worker.unref();
    this.worker.on('message', (m: Reply) => {
      if ('broken' in m) return this.failAll(new Error(`the schema validator could not start: ${m.broken}`));
      if (!('id' in m)) return;
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (this.waiting.size === 0) this.worker.unref();
      if (!w) return;
      if ('failure' in m.result) w.reject(new Error(m.result.failure));
      else w.resolve(m.result);
    });
    this.worker.on('error', (e) => this.failAll(e));
    this.worker.on('exit', () => {
      onExit();
      this.failAll(new Error('the schema validator stopped'));
    });
  }

  check(schemaFile: string, xml: string): Promise<SchemaValidation> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ id, schemaFile, xml });
    });
  }

  private failAll(e: Error) {
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
  }
}

const threads = new Map<string, ValidatorThread>();
function threadFor(dir: string): ValidatorThread {
  let t = threads.get(dir);
  if (!t) {
    if (!existsSync(dir) || !readdirSync(dir).some((f) => f.endsWith('.xsd'))) throw new Error(`no schemas in ${dir}`);
    t = new ValidatorThread(dir, () => threads.delete(dir));
    threads.set(dir, t);
  }
  return t;
}

/** Checks one payload against the schema of its message type. */
export async function validatePayload(messageType: SchemaMessageType, xml: string, dir = fiksArkivSchemaDir()): Promise<SchemaValidation> {
  const schemaFile = PAYLOAD_SCHEMA[messageType];
  if (!schemaFile) throw new Error(`no schema for message type ${messageType}`);
  return threadFor(dir).check(schemaFile, xml);
}
