// The API as its own process (apps/api/src/main.ts), for tests that kill it with SIGKILL mid-request.
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort, ROOT } from '../../scripts/services';
import type { LocalIssuer } from '../../libs/auth/src';
import { testApiEnv } from './api';

export interface ApiProcess {
  url: string;
  process: ChildProcess;
}

/** Starts the API on the test task queue and a port of its own (the same port when `port` is given); resolves once it answers /health. */
export async function startApiProcess(taskQueue: string, issuer: LocalIssuer, o: { port?: number; env?: Record<string, string> } = {}): Promise<ApiProcess> {
  const port = o.port ?? (await freePort());
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(ROOT, 'apps/api/src/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      ...testApiEnv(taskQueue, issuer),
      ...o.env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  let gone = false;
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => ((gone = true), reject(new Error(`API exited with ${code}`)))));
  exited.catch(() => undefined);
  const healthy = (async () => {
    while (!gone) {
      const ok = await fetch(`${url}/health`).then((r) => r.ok, () => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  await Promise.race([healthy, exited]);
  return { url, process: child };
}
