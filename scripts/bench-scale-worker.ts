// The case worker as its own process for the scale bench's workflow capacity (bench-scale-workflows.ts): its sticky
// cache sized by BENCH_MAX_CACHED_WORKFLOWS, so the parent can count RSS per cached workflow. Over IPC it answers
// 'sample' with its memory and the SDK's count of cached workflows, and 'stop' by shutting down.
import 'reflect-metadata';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { createCaseWorker } from '../apps/worker/src/case-worker';
import { openDataSource } from '../libs/persistence/src';
import { parseEncryptionKeys } from '../libs/temporal/src';

export interface WorkerSample {
  rssMiB: number;
  heapUsedMiB: number;
  externalMiB: number;
  cached: number;
}

const mib = (b: number) => b / 1048576;

async function main() {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const env = (k: string) => process.env[k] ?? (() => { throw new Error(`${k} is not set`); })();
  const db = await openDataSource(env('DATABASE_URL'), 10);
  const connection = await NativeConnection.connect({ address: env('TEMPORAL_ADDRESS') });
  const worker = await createCaseWorker({
    connection, namespace: 'default', taskQueue: env('TEMPORAL_TASK_QUEUE'), db, encryptionKeys: parseEncryptionKeys(env('PAYLOAD_ENCRYPTION_KEYS')),
    maxCachedWorkflows: Number(env('BENCH_MAX_CACHED_WORKFLOWS')),
  });
  process.on('message', (m) => {
    if (m === 'stop') worker.shutdown();
    if (m === 'sample') {
      const u = process.memoryUsage();
      const sample: WorkerSample = { rssMiB: mib(u.rss), heapUsedMiB: mib(u.heapUsed), externalMiB: mib(u.external), cached: worker.getStatus().numCachedWorkflows };
      process.send!({ type: 'sample', sample });
    }
  });
  const running = worker.run();
  process.send!({ type: 'ready' });
  await running;
  await connection.close();
  await db.destroy();
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
