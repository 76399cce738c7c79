// What the HTTP benches share: the API in this process (createApiApp, as the application role), tokens from a local
// issuer, the inbox views they time, and p50/p95/p99 of a route under a few concurrent clients.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApiApp } from '../apps/api/src/create-app';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, LocalIssuer, Principal } from '../libs/auth/src';
import { loadConfig } from '../libs/config/src';
import { BENCH_ENCRYPTION_KEYS } from './bench-report';
import { freePort } from './services';

export const kari: Principal = { sub: 'bench-kari', name: 'Kari', role: 'KE_CASEWORKER', municipalities: ['4601'] };
export const lars: Principal = { sub: 'bench-lars', name: 'Lars', role: 'KE_LEADER', municipalities: ['4601'] };
export const inter: Principal = { sub: 'bench-ivar', name: 'Ivar', role: 'KE_CASEWORKER', municipalities: ['4601', '4602', '4611'] };
export const coordinator: Principal = { sub: 'emp-7', name: 'Ola', role: 'COORDINATOR', municipalities: ['4601'] };

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export interface BenchApi {
  base: string;
  issuer: LocalIssuer;
  /** GET as this principal; throws unless 200. */
  get<T = unknown>(p: Principal, path: string): Promise<T>;
  close(): Promise<void>;
}

export async function startBenchApi(url: string, temporal: string): Promise<BenchApi> {
  const issuer = await LocalIssuer.open(mkdtempSync(join(tmpdir(), 'ke-ip-bench-issuer-')));
  const config = loadConfig({
    DATABASE_URL: url,
    TEMPORAL_ADDRESS: temporal,
    PAYLOAD_ENCRYPTION_KEYS: BENCH_ENCRYPTION_KEYS,
    OIDC_ISSUER: LOCAL_ISSUER,
    OIDC_AUDIENCE: LOCAL_AUDIENCE,
    OIDC_JWKS_FILE: issuer.jwksFile,
    LOG_LEVEL: 'error',
    // The benches send thousands of requests a minute from one client: the rate limit would answer 429.
    RATE_LIMIT_REQUESTS: '100000000',
  });
  const app = await createApiApp(config);
  const port = await freePort();
  await app.listen(port, '127.0.0.1');
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    issuer,
    async get<T>(p: Principal, path: string) {
      const res = await fetch(base + path, { headers: { Authorization: `Bearer ${await issuer.mint(p)}` } });
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as T;
    },
    close: () => app.close(),
  };
}

/** `requests` GETs of one path by `concurrency` clients with one token; the times sorted (ms). */
export async function measure(base: string, token: string, path: string, requests: number, concurrency = 4): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < requests) {
      next++;
      const t0 = performance.now();
      const res = await fetch(base + path, { headers: { Authorization: `Bearer ${token}` } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
      times.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, requests) }, worker));
  return times.sort((a, b) => a - b);
}

/** The inbox views timed (name, who, path); `cursor` is the second page's, from a first page of kari's inbox. */
export function inboxViews(cursor: string): [string, Principal, string][] {
  return [
    ['caseworker inbox (1 municipality, by due)', kari, '/tasks?limit=50'],
    ["caseworker: my role's unassigned", kari, '/tasks?unassigned=true&limit=50'],
    ['caseworker: mine', kari, '/tasks?mine=true&limit=50'],
    ['caseworker: overdue', kari, '/tasks?overdue=true&limit=50'],
    ['caseworker: second page (cursor)', kari, `/tasks?limit=50&cursor=${cursor}`],
    ['leader inbox by priority', lars, '/tasks?sort=priority&limit=50'],
    ['inter-municipal KE (3 municipalities)', inter, '/tasks?limit=50'],
    ['coordinator: own cases', coordinator, '/tasks?limit=50'],
    ['deadlines: escalated', lars, '/deadlines?escalated=true&limit=100'],
  ];
}
