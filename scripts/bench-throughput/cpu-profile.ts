// Where a V8 CPU profile (.cpuprofile) spent its time: self time by code area (a package, Node's internals, a file
// of ours, the garbage collector, idle), and the functions with the most self and total time.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { ROOT } from '../services';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  file: string;
  seconds: number;
  /** ms of self time by area, idle left out */
  areas: [string, number][];
  selfTop: [string, number][];
  totalTop: [string, number][];
}

function areaOf(url: string, name: string): string {
  if (!url) return `(${name || 'native'})`.replace(/^\(\((.*)\)\)$/, '($1)');
  if (url.startsWith('node:')) return 'node internals';
  const path = url.replace(/^file:\/\//, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (pkg) return pkg[1];
  const rel = relative(ROOT, path).replace(/^\.data\/bench-dist\//, '');
  return rel.startsWith('..') ? path : rel.split('/').slice(0, 3).join('/');
}

const label = (n: ProfileNode) => {
  const { functionName, url, lineNumber } = n.callFrame;
  const where = url ? `${areaOf(url, functionName)}${url.includes('node_modules') || url.startsWith('node:') ? '' : `/${url.split('/').pop()}`}:${lineNumber + 1}` : '';
  return `${functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
};

export function summarizeProfile(file: string, top = 15): ProfileSummary {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const areas = new Map<string, number>();
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  p.samples.forEach((id, i) => {
    const ms = (p.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)') return;
    add(areas, areaOf(node.callFrame.url, node.callFrame.functionName), ms);
    add(self, label(node), ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const l = label(byId.get(at)!);
      if (!seen.has(l)) seen.add(l), add(total, l, ms);
    }
  });
  const ranked = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k);
  return {
    file, seconds: (p.endTime - p.startTime) / 1e6, areas: ranked(areas, top), selfTop: ranked(self, top),
    totalTop: ranked(total, top + 10).filter(([l]) => !/^\((root|program)\)/.test(l)),
  };
}

export function printProfile(name: string, s: ProfileSummary) {
  const busy = s.areas.reduce((x, [, ms]) => x + ms, 0);
  console.log(`\n${name}: CPU profile ${s.file} (${s.seconds.toFixed(1)} s, ${(busy / 1000).toFixed(1)} s on the CPU)`);
  const rows = (title: string, list: [string, number][]) => {
    console.log(`  ${title}`);
    for (const [l, ms] of list) console.log(`    ${(ms / 1000).toFixed(2).padStart(7)} s ${((100 * ms) / busy).toFixed(1).padStart(5)} %  ${l}`);
  };
  rows('self time by area', s.areas);
  rows('self time by function', s.selfTop);
  rows('total time by function', s.totalTop);
}
