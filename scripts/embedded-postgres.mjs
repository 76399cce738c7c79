// Runs a real PostgreSQL server, from the binaries of the embedded-postgres packages (@embedded-postgres/<platform>),
// until SIGTERM/SIGINT or until the parent goes away (it keeps our stdin open).
// Usage: node scripts/embedded-postgres.mjs <dataDir> <port> [--ephemeral]
// Prints one line "READY postgres://..." on stdout once it accepts connections. Any failure is one line on stderr,
// "embedded-postgres: <why>: <what to do>", and exit code 1; never a stack trace.
//
// PostgreSQL refuses to run as root. As root it runs as the `postgres` user (created when missing), which must reach
// the binaries and the data folder. Where a folder above them is closed to other users (a project in root's home,
// mode 700, is the usual case in a container), what it cannot reach is kept in a runtime folder instead,
// $EMBEDDED_PG_RUNTIME_DIR (default /var/lib/ke-ip-case-engine), open to that user:
//   native-<hash>/     a copy of the binaries (hash of where they come from, their version and size), made once;
//   data-<hash>/       the cluster of a persistent <dataDir> (hash of its path); <dataDir> is a symbolic link to it,
//                      so deleting <dataDir> (rm -rf .data) resets it as before;
//   ephemeral-<rand>/  a throw-away cluster, removed when the server stops (or at a later start if it was killed).
// As a plain user, and as root where the `postgres` user reaches everything, nothing moves.
// EMBEDDED_PG_NATIVE names another folder with bin/, lib/, share/ to run from; PG_DEBUG=1 shows the server's log.
// (The embedded-postgres package's own runner cannot be pointed at other binaries, so this runs initdb and postgres.)
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const USER = 'postgres';
const PASSWORD = 'postgres';
const DATABASE = 'ke_ip';
const OTHER_SERVER = 'or set DATABASE_URL to use another PostgreSQL';

/** A failure we can explain: its message is the one sentence printed. */
class Refusal extends Error {}
const refuse = (sentence) => {
  throw new Refusal(sentence);
};

const [dataDirArg, portArg, flag] = process.argv.slice(2);
if (!dataDirArg || !portArg || !/^\d+$/.test(portArg)) {
  process.stderr.write('embedded-postgres: usage: embedded-postgres.mjs <dataDir> <port> [--ephemeral]\n');
  process.exit(2);
}
const dataDir = path.resolve(dataDirArg);
const port = Number(portArg);
const ephemeral = flag === '--ephemeral';
const debug = Boolean(process.env.PG_DEBUG);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

let server; // the postgres child process
let cleanup; // a folder to remove when the server stops (throw-away clusters)
let stopping = false;

const exists = (p) => fs.existsSync(p);
const lstat = (p) => fs.lstatSync(p, { throwIfNoEntry: false });
const hash = (s) => createHash('sha256').update(s).digest('hex').slice(0, 16);

async function nativeFolder() {
  if (process.env.EMBEDDED_PG_NATIVE) {
    const dir = path.resolve(process.env.EMBEDDED_PG_NATIVE);
    if (!exists(path.join(dir, 'bin', 'postgres'))) refuse(`EMBEDDED_PG_NATIVE=${dir} has no bin/postgres: point it at a folder with PostgreSQL's bin/, lib/ and share/, or unset it`);
    return dir;
  }
  const name = `@embedded-postgres/${os.platform() === 'win32' ? 'windows' : os.platform()}-${os.arch()}`;
  try {
    const { postgres } = await import(name);
    return path.dirname(path.dirname(postgres));
  } catch {
    return refuse(`the PostgreSQL binaries for this platform (${name}) are not installed: run \`npm install\`, ${OTHER_SERVER}`);
  }
}

/** The unprivileged user root runs PostgreSQL as: `postgres`, created when missing. */
function postgresUser() {
  const ids = () => {
    try {
      const id = (opt) => Number(execFileSync('id', [opt, USER], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim());
      return { uid: id('-u'), gid: id('-g') };
    } catch {
      return undefined;
    }
  };
  let ids0 = ids();
  for (const [cmd, args] of [
    ['useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', USER]],
    ['adduser', ['-S', '-D', '-H', USER]],
  ]) {
    if (ids0) break;
    try {
      execFileSync(cmd, args, { stdio: 'ignore' });
    } catch {
      /* try the next way */
    }
    ids0 = ids();
  }
  return ids0 ?? refuse(`PostgreSQL does not run as root, and there is no \`${USER}\` user to run it as, nor useradd/adduser to create one: create that user, run as a plain user, ${OTHER_SERVER}`);
}

/** Whether `user` passes a shell test on a path (permissions, ACLs, everything: the kernel answers). */
function userCan(user, test, target) {
  return spawnSync('/bin/sh', ['-c', test, 'sh', target], { uid: user.uid, gid: user.gid, stdio: 'ignore' }).status === 0;
}
const canRunFrom = (user, native) =>
  userCan(user, 'cd "$1/lib" && cd "$1/share" && test -x "$1/bin/postgres" && test -x "$1/bin/initdb"', native);
const canEnter = (user, dir) => userCan(user, 'cd "$1"', dir);

function runtimeFolder(user) {
  const dir = path.resolve(process.env.EMBEDDED_PG_RUNTIME_DIR || '/var/lib/ke-ip-case-engine');
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  } catch (e) {
    refuse(`the \`${USER}\` user cannot reach this project's folders, and ${dir} cannot be made to hold PostgreSQL instead (${e.code}): set EMBEDDED_PG_RUNTIME_DIR to a folder root may write and every user may traverse, ${OTHER_SERVER}`);
  }
  if (!canEnter(user, dir)) refuse(`the \`${USER}\` user can reach neither this project's folders nor ${dir}: set EMBEDDED_PG_RUNTIME_DIR to a folder every user may traverse, ${OTHER_SERVER}`);
  return dir;
}

/**
 * The binaries copied once into the runtime folder (again when the package's version or binary changes). A complete
 * copy is never replaced, so running servers keep theirs; older copies from the same source go once nothing runs them.
 */
function copyOfBinaries(native, runtime) {
  const source = fs.realpathSync(native);
  const { size } = fs.statSync(path.join(source, 'bin', 'postgres'));
  const dest = path.join(runtime, `native-${hash(JSON.stringify([source, packageVersion(source), size]))}`);
  if (exists(path.join(dest, '.complete'))) return dest;
  const tmp = `${dest}.${process.pid}.tmp`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.cpSync(source, tmp, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
  fs.chmodSync(tmp, 0o755);
  fs.writeFileSync(path.join(tmp, '.complete'), `${source}\n`);
  try {
    fs.renameSync(tmp, dest);
  } catch {
    fs.rmSync(tmp, { recursive: true, force: true }); // another launcher got there first
  }
  for (const name of fs.readdirSync(runtime)) {
    const old = path.join(runtime, name);
    if (!name.startsWith('native-') || old === dest || name.endsWith('.tmp')) continue;
    let from = '';
    try {
      from = fs.readFileSync(path.join(old, '.complete'), 'utf8').trim();
    } catch {
      continue;
    }
    if (from === source && !runsFrom(old)) fs.rmSync(old, { recursive: true, force: true });
  }
  return dest;
}

/** Whether some process runs a program from that folder (root sees every /proc/<pid>/exe). */
function runsFrom(dir) {
  if (!exists('/proc/self/exe')) return true; // cannot tell: keep it
  return fs.readdirSync('/proc').some((pid) => {
    if (!/^\d+$/.test(pid)) return false;
    try {
      return fs.readlinkSync(`/proc/${pid}/exe`).startsWith(`${dir}/`);
    } catch {
      return false;
    }
  });
}

function packageVersion(native) {
  try {
    return JSON.parse(fs.readFileSync(path.join(native, '..', 'package.json'), 'utf8')).version;
  } catch {
    return '';
  }
}

function chownTree(dir, user) {
  execFileSync('chown', ['-R', `${user.uid}:${user.gid}`, dir], { stdio: 'ignore' });
}

/** Throw-away clusters whose launcher was killed before it could remove them. */
function sweepEphemeral(runtime) {
  for (const name of fs.readdirSync(runtime)) {
    if (!name.startsWith('ephemeral-')) continue;
    const dir = path.join(runtime, name);
    let pid = 0;
    try {
      pid = Number(fs.readFileSync(path.join(dir, 'launcher.pid'), 'utf8').trim());
    } catch {
      continue; // being made right now
    }
    if (!(pid > 0)) continue;
    try {
      process.kill(pid, 0);
    } catch (e) {
      if (e.code === 'ESRCH') fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}

function makeParentOfData() {
  try {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  } catch (e) {
    refuse(`the folder for ${dataDir} cannot be made (${e.code}): choose a data folder this user may write, ${OTHER_SERVER}`);
  }
}

/** Where the cluster lives, as root: in place when the user reaches it, else in the runtime folder. */
function placeClusterAsRoot(user, runtime) {
  makeParentOfData();
  let here = lstat(dataDir);
  if (here?.isSymbolicLink() && !exists(dataDir)) {
    fs.unlinkSync(dataDir); // its target is gone (a new runtime folder): start afresh
    here = undefined;
  }
  const target = here ? fs.realpathSync(dataDir) : dataDir;
  if (canEnter(user, path.dirname(target))) {
    if (!exists(target)) fs.mkdirSync(target, { mode: 0o700 });
    if (fs.statSync(target).uid !== user.uid) chownTree(target, user);
    if (ephemeral) cleanup = target;
    return target;
  }
  if (ephemeral) {
    const dir = fs.mkdtempSync(path.join(runtime(), 'ephemeral-'));
    fs.writeFileSync(path.join(dir, 'launcher.pid'), String(process.pid));
    fs.chownSync(dir, user.uid, user.gid);
    cleanup = dir;
    return path.join(dir, 'pgdata');
  }
  if (here && fs.readdirSync(dataDir).length > 0) {
    refuse(`${dataDir} holds data the \`${USER}\` user cannot reach (a folder above it is closed to other users): let others traverse that folder (chmod o+x), or move ${dataDir} away to start afresh`);
  }
  if (here) fs.rmdirSync(dataDir);
  const rt = runtime();
  const real = path.join(rt, `data-${hash(dataDir)}`);
  // No link in the project means the cluster it pointed to was deleted with it (rm -rf .data): start afresh.
  fs.rmSync(real, { recursive: true, force: true });
  fs.mkdirSync(real, { mode: 0o700 });
  fs.chownSync(real, user.uid, user.gid);
  fs.writeFileSync(`${real}.origin`, `${dataDir}\n`);
  fs.symlinkSync(real, dataDir);
  return real;
}

/** Runs a program to its end; resolves with its output, rejects with a Refusal built by `explain`. */
function runToEnd(file, args, ids, explain) {
  return new Promise((resolve, reject) => {
    let out = '';
    const child = spawn(file, args, { ...ids, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (out += b));
    child.once('error', (e) => reject(new Refusal(explain(`${e.code ?? e.message} on ${file}`))));
    child.once('exit', (code) => {
      if (debug) process.stderr.write(out);
      if (code === 0) resolve(out);
      else reject(new Refusal(explain(lastMessage(out) || `exit code ${code}`)));
    });
  });
}

function childEnv() {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', LC_MESSAGES: 'C', ...(process.env.TZ ? { TZ: process.env.TZ } : {}) };
}

/** The most telling line of a PostgreSQL program's output (FATAL/ERROR first), without its prefix. */
function lastMessage(out) {
  const lines = out.split('\n').map((l) => l.trim()).filter(Boolean);
  const telling = lines.filter((l) => /FATAL|ERROR|PANIC|error|could not|cannot/i.test(l));
  const line = (telling.length ? telling : lines).at(-1) ?? '';
  return line.replace(/^.*?(FATAL|ERROR|PANIC|LOG):\s*/, '').replace(/[.\s]+$/, '');
}

async function initCluster(bin, pgdata, ids) {
  const pwfile = path.join(path.dirname(pgdata), `.pw-${randomBytes(6).toString('hex')}`);
  fs.writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o600 });
  if (ids.uid !== undefined) fs.chownSync(pwfile, ids.uid, ids.gid);
  try {
    await runToEnd(
      bin('initdb'),
      [`--pgdata=${pgdata}`, '--auth=password', `--username=${USER}`, `--pwfile=${pwfile}`, '--lc-messages=C', '--locale=C', '--encoding=UTF8'],
      ids,
      (why) => `initdb could not create a PostgreSQL cluster in ${pgdata} (${why}): check that folder's space and permissions, ${OTHER_SERVER}`,
    );
  } finally {
    fs.rmSync(pwfile, { force: true });
  }
}

function startServer(bin, pgdata, ids) {
  return new Promise((resolve, reject) => {
    let log = '';
    let ready = false;
    // Only 127.0.0.1, the address of the URL printed: a port taken there cannot hide behind a free ::1.
    server = spawn(bin('postgres'), ['-D', pgdata, '-p', String(port), '-c', 'listen_addresses=127.0.0.1'], { ...ids, env: childEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
    server.stderr.on('data', (b) => {
      const text = String(b);
      if (debug) process.stderr.write(text);
      if (ready) return;
      log += text;
      if (log.includes('database system is ready to accept connections')) {
        ready = true;
        log = '';
        resolve();
      }
    });
    setTimeout(() => {
      if (!ready) reject(new Refusal(`PostgreSQL did not accept connections within 60 s (${lastMessage(log) || 'no message'}): run again with PG_DEBUG=1 to see its log, ${OTHER_SERVER}`));
    }, 60_000).unref();
    server.once('error', (e) => reject(new Refusal(`PostgreSQL could not be started from ${bin('postgres')} (${e.code ?? e.message}): run \`npm install\` again, ${OTHER_SERVER}`)));
    server.once('exit', (code, signal) => {
      if (ready) {
        if (!stopping) {
          process.stderr.write(`embedded-postgres: PostgreSQL stopped unexpectedly (${signal ?? `exit code ${code}`}): start again, with PG_DEBUG=1 to see its log\n`);
          finish(1);
        }
        return;
      }
      reject(new Refusal(explainStartFailure(log, code)));
    });
  });
}

function explainStartFailure(log, code) {
  if (/could not bind|Address already in use/i.test(log)) {
    return `port ${port} is taken (another PostgreSQL?): stop what listens there, or choose another port (EMBEDDED_PG_PORT for npm start)`;
  }
  if (/lock file "postmaster\.pid" already exists/.test(log)) {
    return `another PostgreSQL already runs on ${dataDir}: stop it first, or use another data folder`;
  }
  if (/database files are incompatible with server/.test(log)) {
    return `${dataDir} holds a cluster of another PostgreSQL version (${lastMessage(log)}): move it away to start afresh, or dump and reload it with that version`;
  }
  return `PostgreSQL did not start (${lastMessage(log) || `exit code ${code}`}): run again with PG_DEBUG=1 to see its log, ${OTHER_SERVER}`;
}

async function main() {
  if (isRoot) process.umask(0o022); // what is copied for the `postgres` user must be readable by it
  const native = await nativeFolder();
  let runFrom = native;
  let pgdata = dataDir;
  let ids = {};
  if (isRoot) {
    const user = postgresUser();
    ids = { uid: user.uid, gid: user.gid };
    let rt;
    const runtime = () => {
      if (!rt) {
        rt = runtimeFolder(user);
        sweepEphemeral(rt);
      }
      return rt;
    };
    if (!canRunFrom(user, native)) runFrom = copyOfBinaries(native, runtime());
    pgdata = placeClusterAsRoot(user, runtime);
  } else {
    makeParentOfData();
    if (ephemeral) cleanup = dataDir;
  }
  const bin = (name) => path.join(runFrom, 'bin', name);

  const version = path.join(pgdata, 'PG_VERSION');
  if (!exists(version)) {
    if (exists(pgdata) && fs.readdirSync(pgdata).length > 0) {
      refuse(`${dataDir} exists but holds no PostgreSQL cluster: move it away (or empty it) to start afresh`);
    }
    await initCluster(bin, pgdata, ids);
  }
  await startServer(bin, pgdata, ids);

  const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  try {
    await client.connect();
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } catch (e) {
    refuse(`PostgreSQL started but refused the launcher's connection (${e.message}): move ${dataDir} away to start afresh, ${OTHER_SERVER}`);
  } finally {
    await client.end().catch(() => {});
  }
  process.stdout.write(`READY postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}\n`);
}

async function stopServer() {
  if (server && server.exitCode === null && server.signalCode === null) {
    await new Promise((resolve) => {
      server.once('exit', resolve);
      server.kill('SIGINT'); // fast shutdown: ends sessions, writes a checkpoint
      setTimeout(() => server.kill('SIGQUIT'), 15_000).unref();
    });
  }
  if (cleanup) fs.rmSync(cleanup, { recursive: true, force: true });
}
async function finish(code) {
  if (stopping) return;
  stopping = true;
  await stopServer().catch(() => {});
  process.exit(code);
}

process.on('SIGTERM', () => finish(0));
process.on('SIGINT', () => finish(0));
process.on('disconnect', () => finish(0));
// The parent keeps our stdin open; when it closes, the parent is gone.
process.stdin.on('end', () => finish(0));
process.stdin.on('error', () => finish(0));
process.stdin.resume();

function explainUnexpected(e) {
  if (e instanceof Refusal) return e.message;
  const why = e instanceof Error ? (e.code ? `${e.code} on ${e.path ?? e.syscall ?? 'a file'}` : e.message) : String(e);
  return `PostgreSQL could not be started (${why}): run again with PG_DEBUG=1 to see more, ${OTHER_SERVER}`;
}
process.on('uncaughtException', (e) => {
  process.stderr.write(`embedded-postgres: ${explainUnexpected(e)}\n`);
  finish(1);
});

main().catch((e) => {
  process.stderr.write(`embedded-postgres: ${explainUnexpected(e)}\n`);
  finish(1);
});
