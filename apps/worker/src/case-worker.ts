// Builds the Temporal worker that runs case workflows, the monthly internal-control report, and their activities.
import { makeTelemetryFilterString, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { TASK_QUEUE } from '../../../libs/contracts/src';
import { Logger, temporalCoreLevel, TemporalRuntimeLogger } from '../../../libs/logging/src';
import { caseWorkflowBundle, dataConverterFor, EncryptionKey } from '../../../libs/temporal/src';
import { ApplicationFailure } from '@temporalio/common';
import type { SigningKey } from '../../../libs/audit/src';
import { createAuditCheckpointActivities } from './activities/audit-checkpoint.activities';
import { createInternalControlActivities } from './activities/internal-control.activities';
import { createProjectionActivities } from './activities/projection.activities';
import { createArchiveDeliveryActivities, type ArchiveDeliveryOptions } from './activities/archive-delivery.activities';
import type { ArchiveRetryOptions } from '../../../libs/contracts/src/archive-delivery';
import { createArchiveTransport } from '../../../libs/archive/src/transport';
import type { EnvConfig } from '../../../libs/config/src';

export interface CaseWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue?: string;
  db: DataSource;
  encryptionKeys: EncryptionKey[];
  /** Signs audit checkpoints; without it a checkpoint run fails saying so (and the worker starts no schedule). */
  auditCheckpointKey?: SigningKey;
  auditCheckpointExportDir?: string;
  /** Delivers each case's records to the archive; without it the outbox keeps them until a worker with it runs. */
  archive?: ArchiveDeliveryOptions & { retry?: ArchiveRetryOptions };
  /** Workflows kept in memory between tasks; 0: no cache and no sticky queue. Unset: the SDK's default. */
  maxCachedWorkflows?: number;
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

/** The archive delivery the configuration asks for (ARCHIVE_TRANSPORT), or none. */
export function archiveDeliveryFrom(c: EnvConfig): CaseWorkerOptions['archive'] {
  if (c.ARCHIVE_TRANSPORT === 'off') return undefined;
  const transport = createArchiveTransport(c.ARCHIVE_TRANSPORT === 'file' ? { kind: 'file', dir: c.ARCHIVE_DROP_DIR! } : { kind: 'http', url: c.ARCHIVE_HTTP_URL! });
  return {
    transport,
    receiptWaitMs: c.ARCHIVE_RECEIPT_WAIT * 1000,
    retry: {
      initialInterval: `${c.ARCHIVE_RETRY_INITIAL} seconds`,
      maximumInterval: `${c.ARCHIVE_RETRY_MAX} seconds`,
      maximumAttempts: c.ARCHIVE_RETRY_ATTEMPTS,
      // The attempt's own wait for the kvittering, plus room to render, build and send.
      attemptTimeout: `${c.ARCHIVE_RECEIPT_WAIT + 60} seconds`,
      heartbeatTimeout: `${c.ARCHIVE_HEARTBEAT_TIMEOUT} seconds`,
    },
  };
}

export async function createCaseWorker(o: CaseWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: o.connection,
    namespace: o.namespace,
    taskQueue: o.taskQueue ?? TASK_QUEUE,
    ...caseWorkflowBundle(),
    activities: {
      ...createProjectionActivities(o.db, o.archive ? { retry: o.archive.retry } : undefined),
      ...(o.archive ? createArchiveDeliveryActivities(o.db, o.archive) : {}),
      ...createInternalControlActivities(o.db),
      ...(o.auditCheckpointKey ? createAuditCheckpointActivities(o.db, o.auditCheckpointKey, o.auditCheckpointExportDir) : noCheckpointKey),
    },
    dataConverter: dataConverterFor(o.encryptionKeys),
    // Worker identity carries no personal data; a case's workflow id is its case id.
    identity: `ke-ip-worker@${process.pid}`,
    ...(o.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: o.maxCachedWorkflows } : {}),
  });
}
