// Long-running child processes that a caller can kill and start again by name (the cluster's servers and ours),
// each logging to its own file so that a dozen of them do not interleave on the terminal.
import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { stop, track } from './services';

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** Resolves once the process serves (a port answers, a line was printed); `output` is everything printed so far. */
  ready(child: ChildProcess, output: () => string): Promise<void>;
}

export interface ManagedProcess {
  readonly name: string;
  readonly logFile: string;
  /** The running process, undefined between a kill and the next start. */
  readonly child: ChildProcess | undefined;
  /** Spawns it and waits until it is ready; rejects (naming the log) when it exits first. */
  start(): Promise<void>;
  /** Sends the signal (SIGKILL unless told) and waits for the exit: a crash, nothing is cleaned up. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** SIGTERM (SIGKILL after 10 s), as an orchestrator stops a process. */
  stop(): Promise<void>;
  /** Killed with `signal` (SIGKILL unless told), then started again with the same command, ports and files. */
  restart(signal?: NodeJS.Signals): Promise<void>;
}

export function managedProcess(spec: ProcessSpec, logDir: string): ManagedProcess {
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${spec.name}.log`);
  let child: ChildProcess | undefined;
  const exited = (c: ChildProcess) => c.exitCode !== null || c.signalCode !== null;
  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    const c = child;
    child = undefined;
    if (!c || exited(c)) return;
    await new Promise<void>((res) => {
      c.once('exit', () => res());
      c.kill(signal);
    });
  };
  const m: ManagedProcess = {
    name: spec.name,
    logFile,
    get child() {
      return child;
    },
    async start() {
      if (child && !exited(child)) throw new Error(`${spec.name} is already running`);
      const log = createWriteStream(logFile, { flags: 'a' });
      log.write(`--- ${new Date().toISOString()} start ${spec.name}\n`);
      // stdin stays an open pipe: the embedded PostgreSQL's lifeline convention, harmless to the others.
      const c = track(spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env, stdio: ['pipe', 'pipe', 'pipe'] }));
      child = c;
      let output = '';
      const keep = (b: Buffer) => {
        log.write(b);
        if (output.length < 1_000_000) output += String(b);
      };
      c.stdout!.on('data', keep);
      c.stderr!.on('data', keep);
      c.once('exit', (code, signal) => log.end(`--- ${new Date().toISOString()} ${spec.name} exited (${signal ?? code})\n`));
      const died = new Promise<never>((_, rej) =>
        c.once('exit', (code, signal) => rej(new Error(`${spec.name} exited (${signal ?? `code ${code}`}) before it was ready: see ${logFile}`))),
      );
      died.catch(() => undefined);
      try {
        await Promise.race([spec.ready(c, () => output), died]);
      } catch (e) {
        await kill();
        throw e;
      }
    },
    kill,
    async stop() {
      const c = child;
      child = undefined;
      await stop(c);
    },
    async restart(signal: NodeJS.Signals = 'SIGKILL') {
      await kill(signal);
      await m.start();
    },
  };
  return m;
}

/** A ready check: the process printed a line containing `text`. */
export function printed(text: string, timeoutMs = 300_000): ProcessSpec['ready'] {
  return (child, output) =>
    new Promise((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`no "${text}" after ${timeoutMs} ms`)), timeoutMs);
      timer.unref(); // a process that died first has already failed the start
      const check = () => {
        if (!output().includes(text)) return;
        clearTimeout(timer);
        child.stdout!.off('data', check);
        child.stderr!.off('data', check);
        res();
      };
      child.stdout!.on('data', check);
      child.stderr!.on('data', check);
      check();
    });
}
