// The processes the throughput bench measures: the API, the worker and the ceiling's worker, each its own Node process
// run from a build (as the image runs them: `node dist/...`, without ts-node's compiler in memory), with the probe
// preloaded (probe.ts) so the bench can ask each for its SQL statements and CPU profiles.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT, stop } from '../services';
import type { ProbeReply, ProbeRequest } from './probe';

const BUILD = join(ROOT, '.data/bench-dist');

/**
 * Compiles apps, libs, workflows and the bench's own processes into .data/bench-dist (incremental: later runs
 * recompile what changed). Returns the folder.
 */
export function buildForBench(): string {
  mkdirSync(BUILD, { recursive: true });
  const tsconfig = join(ROOT, '.data/bench-dist.tsconfig.json');
  writeFileSync(tsconfig, JSON.stringify({
    extends: '../tsconfig.build.json',
    compilerOptions: { outDir: './bench-dist', rootDir: '..', sourceMap: false, incremental: true, tsBuildInfoFile: './bench-dist/.tsbuildinfo' },
    include: ['../apps', '../libs', '../workflows', '../scripts/bench-throughput/probe.ts', '../scripts/bench-throughput/ceiling-worker.ts'],
    exclude: ['../node_modules', '../dist', '../test', '../**/*.test.ts', '../**/*.spec.ts'],
  }));
  const t0 = performance.now();
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', tsconfig], { cwd: ROOT, stdio: 'inherit' });
  console.log(`throughput: build in .data/bench-dist (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  return BUILD;
}

export interface Service {
  name: string;
  child: ChildProcess;
  pid: number;
  /** Asks the process's probe; resolves with its answer. One question at a time. */
  ask<T extends ProbeReply['type']>(m: ProbeRequest, reply: T): Promise<Extract<ProbeReply, { type: T }>>;
  stop(): Promise<void>;
}

/**
 * Starts `script` (a file of the build) with the probe; resolves once `ready` says so (a line on stdout, or a check).
 * The process's own output is kept, the last lines shown if it dies before.
 */
export function startService(name: string, script: string, env: Record<string, string | undefined>, ready: RegExp | (() => Promise<boolean>), nodeArgs: string[] = []): Promise<Service> {
  const child = spawn(process.execPath, [...nodeArgs, '-r', join(BUILD, 'scripts/bench-throughput/probe.js'), join(BUILD, script)], {
    cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const tail: string[] = [];
  const keep = (b: Buffer) => {
    tail.push(...String(b).split('\n').filter(Boolean));
    tail.splice(0, Math.max(0, tail.length - 30));
  };
  child.stderr!.on('data', keep);
  const service: Service = {
    name, child, pid: child.pid!,
    ask: (m, reply) => new Promise((res) => {
      const on = (r: ProbeReply) => r.type === reply && (child.off('message', on), res(r as never));
      child.on('message', on);
      child.send(m);
    }),
    stop: () => stop(child),
  };
  return new Promise((res, rej) => {
    const died = (code: number | null) => rej(new Error(`${name} exited with ${code} before it was ready:\n${tail.join('\n')}`));
    child.once('exit', died);
    const up = () => (child.off('exit', died), res(service));
    child.stdout!.on('data', (b: Buffer) => {
      keep(b);
      if (ready instanceof RegExp && ready.test(String(b))) up();
    });
    if (typeof ready === 'function') {
      const poll = async () => ((await ready().catch(() => false)) ? up() : child.exitCode === null && setTimeout(poll, 250));
      void poll();
    }
  });
}
