// What the kernel says about the bench's processes (Linux /proc): resident memory, and CPU time per process tree and
// for the whole machine, so a phase's figures can say which process spent the cores.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** VmRSS and VmHWM (the peak since the process started) in MiB; undefined when the process is gone. */
export function memoryOf(pid: number): { rss: number; hwm: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

/** Samples the resident memory of some processes; `peak()` is the largest VmRSS seen since the last `reset()`. */
export class RssSampler {
  private peaks = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;
  constructor(private readonly pids: Record<string, number>, everyMs = 200) {
    this.timer = setInterval(() => this.sample(), everyMs);
    this.timer.unref();
  }
  private sample() {
    for (const [name, pid] of Object.entries(this.pids)) {
      const m = memoryOf(pid);
      if (m) this.peaks.set(name, Math.max(this.peaks.get(name) ?? 0, m.rss));
    }
  }
  reset() {
    this.peaks.clear();
    this.sample();
  }
  peak(): Record<string, number> {
    this.sample();
    return Object.fromEntries(this.peaks);
  }
  stop() {
    clearInterval(this.timer);
  }
}

interface ProcStat {
  ppid: number;
  /** utime + stime + cutime + cstime, in seconds */
  cpu: number;
}
function allProcesses(): Map<number, ProcStat> {
  const out = new Map<number, ProcStat>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command sits in parentheses and may hold spaces: the fields follow the last ')'.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(name), { ppid: Number(f[1]), cpu: (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / TICKS_PER_SECOND });
    } catch {
      /* gone meanwhile */
    }
  }
  return out;
}

/**
 * CPU seconds spent so far by each named process and everything below it (PostgreSQL's backends, for instance),
 * a named process below another counted for itself only.
 */
export function cpuOfTrees(roots: Record<string, number>): Record<string, number> {
  const procs = allProcesses();
  const named = new Set(Object.values(roots));
  const children = new Map<number, number[]>();
  for (const [pid, p] of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), pid]);
  const tree = (pid: number): number => (procs.get(pid)?.cpu ?? 0) + (children.get(pid) ?? []).filter((c) => !named.has(c)).reduce((s, c) => s + tree(c), 0);
  return Object.fromEntries(Object.entries(roots).map(([name, pid]) => [name, tree(pid)]));
}

/** The whole machine's busy and total CPU seconds (all cores), from /proc/stat. */
export function machineCpu(): { busy: number; total: number } {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fields.map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { busy: busy / TICKS_PER_SECOND, total: (busy + idle + iowait) / TICKS_PER_SECOND };
}

/**
 * CPU seconds so far of a process's threads, summed by thread name: `main`, `node threads` (Node's worker threads: the
 * worker runs its workflows in one), libuv's pool, V8's helpers, Temporal Core's tokio threads.
 */
export function cpuOfThreads(pid: number): Record<string, number> {
  const out: Record<string, number> = {};
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        // Threads a process starts are named after it (`node`) until they name themselves: the main thread is the one whose id is the process's.
        const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/[-_ ]?\d+$/, '');
        const name = tid === String(pid) ? 'main' : comm === 'node' ? 'node threads' : comm;
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        out[name] = (out[name] ?? 0) + (Number(f[11]) + Number(f[12])) / TICKS_PER_SECOND;
      } catch {
        /* the thread ended */
      }
    }
  } catch {
    /* the process ended */
  }
  return out;
}
