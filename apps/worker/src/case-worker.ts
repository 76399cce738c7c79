// Builds the Temporal worker that runs case workflows and their activities.
import { NativeConnection, Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { TASK_QUEUE } from '../../../libs/contracts/src';
import { dataConverterFor, EncryptionKey } from '../../../libs/temporal/src';
import { createProjectionActivities } from './activities/projection.activities';

export interface CaseWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue?: string;
  db: DataSource;
  encryptionKeys: EncryptionKey[];
}

export async function createCaseWorker(o: CaseWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: o.connection,
    namespace: o.namespace,
    taskQueue: o.taskQueue ?? TASK_QUEUE,
    workflowsPath: require.resolve('../../../workflows'),
    activities: createProjectionActivities(o.db),
    dataConverter: dataConverterFor(o.encryptionKeys),
    // Worker identity carries no personal data; a case's workflow id is its case id.
    identity: `ke-ip-worker@${process.pid}`,
  });
}
