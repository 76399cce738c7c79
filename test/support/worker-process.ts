// The worker as its own process (apps/worker/src/main.ts), for tests that kill it with SIGKILL.
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../../scripts/services';
import { TEST_ENCRYPTION_KEYS } from './harness';

/** Starts the worker on the test task queue; resolves once it polls. `env` adds configuration (e.g. the archive). */
export function startWorkerProcess(taskQueue: string, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(ROOT, 'apps/worker/src/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: process.env.TEST_DATABASE_URL,
      TEMPORAL_ADDRESS: process.env.TEST_TEMPORAL_ADDRESS,
      TEMPORAL_TASK_QUEUE: taskQueue,
      PAYLOAD_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
      OIDC_ISSUER: 'unused-by-worker',
      OIDC_AUDIENCE: 'unused-by-worker',
      OIDC_JWKS_FILE: '/dev/null',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (b) => String(b).includes('polling task queue') && resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
  });
}
