// Preloaded (`node -r`) into the API and worker processes the throughput bench starts: counts and times every SQL
// statement the process sends (there is no pg_stat_statements on the embedded server), and takes CPU profiles on
// request. The bench asks over the IPC channel; nothing here changes what the process does.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { BroadcastChannel, isMainThread, threadId } from 'node:worker_threads';

export interface StatementStats {
  count: number;
  ms: number;
}
export type ProbeRequest = { type: 'sql-reset' } | { type: 'sql-read' } | { type: 'profile-start' } | { type: 'profile-stop'; file: string };
export type ProbeReply = { type: 'sql'; statements: Record<string, StatementStats> } | { type: 'profile-started' } | { type: 'profile-stopped'; files: string[] };

/** `INSERT case_history`, `SELECT ip_case`, `COMMIT`: the verb and the first table, enough to tell statements apart. */
export function statementKey(sql: string): string {
  const s = sql.replace(/\s+/g, ' ').trim();
  const verb = /^\w+/.exec(s)?.[0].toUpperCase() ?? '?';
  const table =
    verb === 'INSERT' ? /^INSERT INTO "?(\w+)/i.exec(s)?.[1]
      : verb === 'UPDATE' ? /^UPDATE "?(\w+)/i.exec(s)?.[1]
        : verb === 'DELETE' ? /^DELETE FROM "?(\w+)/i.exec(s)?.[1]
          : verb === 'SELECT' || verb === 'WITH' ? /\bFROM "?(\w+)/i.exec(s)?.[1] : undefined;
  return table ? `${verb} ${table}` : s.slice(0, 40).toUpperCase();
}

/** A profiler on this thread's isolate; `stop` writes the profile and returns its file. */
function threadProfiler() {
  let session: Session | undefined;
  const post = <T>(method: string, params?: object) =>
    new Promise<T>((res, rej) => session!.post(method, params ?? {}, (err, out) => (err ? rej(err) : res(out as T))));
  return {
    async start() {
      session = new Session();
      session.connect();
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 1000 });
      await post('Profiler.start');
    },
    async stop(file: string): Promise<string | undefined> {
      if (!session) return undefined;
      const { profile } = await post<{ profile: object }>('Profiler.stop');
      session.disconnect();
      session = undefined;
      writeFileSync(file, JSON.stringify(profile));
      return file;
    },
  };
}

function instrumentPg(statements: Map<string, StatementStats>) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Client } = require('pg') as typeof import('pg');
  const original = Client.prototype.query as (...args: unknown[]) => unknown;
  const note = (key: string, t0: number) => {
    const s = statements.get(key) ?? { count: 0, ms: 0 };
    s.count += 1;
    s.ms += performance.now() - t0;
    statements.set(key, s);
  };
  (Client.prototype as unknown as { query: unknown }).query = function (this: unknown, config: unknown, values?: unknown, callback?: unknown) {
    const text = typeof config === 'string' ? config : (config as { text?: string })?.text ?? '';
    const key = statementKey(text);
    const t0 = performance.now();
    if (typeof values === 'function' || typeof callback === 'function') {
      const wrap = (cb: (...a: unknown[]) => unknown) => (...a: unknown[]) => (note(key, t0), cb(...a));
      return typeof values === 'function' ? original.call(this, config, wrap(values as never)) : original.call(this, config, values, wrap(callback as never));
    }
    const result = original.call(this, config, values);
    if (result && typeof (result as Promise<unknown>).then === 'function') (result as Promise<unknown>).then(() => note(key, t0), () => note(key, t0));
    else note(key, t0);
    return result;
  };
}

// Every thread of the process (the worker runs its workflows in a thread) takes profiles when the main thread says so.
const channel = new BroadcastChannel('ke-ip-bench-probe');
channel.unref();
const profiler = threadProfiler();

if (isMainThread && process.send) {
  const statements = new Map<string, StatementStats>();
  instrumentPg(statements);
  const reply = (m: ProbeReply) => process.send!(m);
  process.on('message', async (m: ProbeRequest) => {
    if (m?.type === 'sql-reset' || m?.type === 'sql-read') {
      reply({ type: 'sql', statements: Object.fromEntries(statements) });
      if (m.type === 'sql-reset') statements.clear();
    } else if (m?.type === 'profile-start') {
      channel.postMessage(m);
      await profiler.start();
      reply({ type: 'profile-started' });
    } else if (m?.type === 'profile-stop') {
      const files: string[] = [];
      const fromThreads = (e: Event) => {
        const d = (e as MessageEvent).data as { type: string; file?: string };
        if (d.type === 'profile-written' && d.file) files.push(d.file);
      };
      channel.addEventListener('message', fromThreads);
      channel.postMessage(m);
      const own = await profiler.stop(m.file);
      if (own) files.unshift(own);
      await new Promise((res) => setTimeout(res, 2000)); // the threads' profiles, written meanwhile
      channel.removeEventListener('message', fromThreads);
      reply({ type: 'profile-stopped', files });
    }
  });
  process.channel?.unref();
} else if (!isMainThread) {
  channel.onmessage = async (e) => {
    const m = (e as MessageEvent).data as ProbeRequest;
    if (m.type === 'profile-start') await profiler.start();
    if (m.type === 'profile-stop') {
      const file = await profiler.stop(m.file.replace(/\.cpuprofile$/, `.thread-${threadId}.cpuprofile`));
      if (file) channel.postMessage({ type: 'profile-written', file });
    }
  };
}
