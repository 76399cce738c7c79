import 'reflect-metadata';
import { NativeConnection } from '@temporalio/worker';
import { ConfigError, loadConfig } from '../../../libs/config/src';
import { openDataSource } from '../../../libs/persistence/src';
import { parseEncryptionKeys } from '../../../libs/temporal/src';
import { createCaseWorker } from './case-worker';

async function main() {
  const config = loadConfig();
  const db = await openDataSource(config.DATABASE_URL);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await createCaseWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    db,
    encryptionKeys: parseEncryptionKeys(config.PAYLOAD_ENCRYPTION_KEYS),
  });
  console.log(`KE IP worker polling task queue ${config.TEMPORAL_TASK_QUEUE}`);
  await worker.run();
  await connection.close();
  await db.destroy();
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
