// The local archive peer for tests: started in process on its own folder, told to fail through its admin endpoint,
// and read back through its store (what the archive holds, not what our tables say).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startArchivePeer } from '../../apps/archive-peer/src/main';
import type { CaseWorkerOptions } from '../../apps/worker/src/case-worker';
import { HttpTransport } from '../../libs/archive/src/transport';

export interface PeerEntry {
  key: string;
  type: string;
  title: string;
  messageId: string;
  documents: { fileName: string; sha256: string; size: number }[];
  avskrivninger: { partyId: string; method: string; answeredByKey?: string }[];
}
export interface PeerFolder {
  key: string;
  status: string;
  journalposts: PeerEntry[];
}

export interface TestPeer {
  url: string;
  dir: string;
  fault(mode: 'NONE' | 'SERVER_ERROR' | 'INVALID' | 'SLOW' | 'DOWN', o?: { count?: number; delayMs?: number }): Promise<void>;
  store(): Promise<{ folders: PeerFolder[]; counters: Record<string, number> }>;
  folder(key: string): Promise<PeerFolder | undefined>;
  /** Stops the peer (its port refuses connections) and starts it again on the same port and store. */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function openTestPeer(o: { dropDir?: string } = {}): Promise<TestPeer> {
  const dir = mkdtempSync(join(tmpdir(), 'ke-ip-archive-peer-'));
  let peer: Awaited<ReturnType<typeof startArchivePeer>> | null = await startArchivePeer({ port: 0, dir, dropDir: o.dropDir });
  const url = peer.url;
  const admin = (path: string, init?: RequestInit) => fetch(new URL(path, url), init);
  const t: TestPeer = {
    url,
    dir,
    async fault(mode, f = {}) {
      const res = await admin('/admin/faults', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ mode, ...f }) });
      if (!res.ok) throw new Error(`peer fault ${mode}: HTTP ${res.status}`);
    },
    async store() {
      return (await (await admin('/admin/store')).json()) as { folders: PeerFolder[]; counters: Record<string, number> };
    },
    async folder(key) {
      return (await t.store()).folders.find((f) => f.key === key);
    },
    async down() {
      await peer?.close();
      peer = null;
    },
    async up() {
      peer = await startArchivePeer({ port: Number(new URL(url).port), dir, dropDir: o.dropDir });
    },
    close: async () => {
      await peer?.close();
    },
  };
  return t;
}

/** The worker's archive delivery towards the peer, with retries short enough for a test. */
export function deliveryTo(url: string): NonNullable<CaseWorkerOptions['archive']> {
  return {
    transport: new HttpTransport(url, 5_000),
    replyPollMs: 50,
    receiptWaitMs: 5_000,
    retry: { initialInterval: '200 milliseconds', maximumInterval: '1 second', maximumAttempts: 200, attemptTimeout: '30 seconds', heartbeatTimeout: '10 seconds' },
  };
}

/** Polls until the check passes (the delivery is asynchronous by design), or fails with the last answer. */
export async function eventually<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: T = await read();
  while (!ok(last)) {
    if (Date.now() > until) throw new Error(`${what}: not reached in ${timeoutMs} ms; last: ${JSON.stringify(last).slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 200));
    last = await read();
  }
  return last;
}
