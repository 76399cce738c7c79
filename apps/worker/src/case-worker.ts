// Builds the Temporal worker that runs case workflows, the monthly internal-control report, and their activities.
import { makeTelemetryFilterString, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { TASK_QUEUE } from '../../../libs/contracts/src';
import { Logger, temporalCoreLevel, TemporalRuntimeLogger } from '../../../libs/logging/src';
import { dataConverterFor, EncryptionKey } from '../../../libs/temporal/src';
import { ApplicationFailure } from '@temporalio/common';
import type { SigningKey } from '../../../libs/audit/src';
import { createAuditCheckpointActivities } from './activities/audit-checkpoint.activities';
import { createInternalControlActivities } from './activities/internal-control.activities';
import { createProjectionActivities } from './activities/projection.activities';

export interface CaseWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue?: string;
  db: DataSource;
  encryptionKeys: EncryptionKey[];
  /** Signs audit checkpoints; without it a checkpoint run fails saying so (and the worker starts no schedule). */
  auditCheckpointKey?: SigningKey;
  auditCheckpointExportDir?: string;
}

const noCheckpointKey = {
  async signAuditCheckpoints(): Promise<never> {
    throw ApplicationFailure.nonRetryable('this worker has no audit checkpoint key (AUDIT_CHECKPOINT_KEY_FILE)', 'NoCheckpointKey');
  },
};

/**
 * The Temporal runtime of this process with the structured logger: the SDK's own lines (activity and workflow task
 * failures), workflows' `log` calls and Core's native logs (forwarded) all go through redaction to stdout. Once per
 * process, before the first connection.
 */
export function installWorkerRuntime(logger: Logger, level: string): Runtime {
  return Runtime.install({
    logger: new TemporalRuntimeLogger(logger.child({ component: 'temporal' })),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: temporalCoreLevel(level), other: 'ERROR' }), forward: {} } },
  });
}

export async function createCaseWorker(o: CaseWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: o.connection,
    namespace: o.namespace,
    taskQueue: o.taskQueue ?? TASK_QUEUE,
    workflowsPath: require.resolve('../../../workflows'),
    activities: {
      ...createProjectionActivities(o.db),
      ...createInternalControlActivities(o.db),
      ...(o.auditCheckpointKey ? createAuditCheckpointActivities(o.db, o.auditCheckpointKey, o.auditCheckpointExportDir) : noCheckpointKey),
    },
    dataConverter: dataConverterFor(o.encryptionKeys),
    // Worker identity carries no personal data; a case's workflow id is its case id.
    identity: `ke-ip-worker@${process.pid}`,
  });
}
