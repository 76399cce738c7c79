// Signs the head of every audit chain; run by the audit-checkpoints schedule (and on demand by the system role).
// The result — the signed checkpoints — is kept in this run's history, outside the database.
import { proxyActivities } from '@temporalio/workflow';
import type { AuditCheckpointActivities, CheckpointRun } from '../../libs/contracts/src/audit-checkpoint';

const { signAuditCheckpoints } = proxyActivities<AuditCheckpointActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: 10 },
});

export async function auditCheckpointWorkflow(): Promise<CheckpointRun> {
  return signAuditCheckpoints();
}
