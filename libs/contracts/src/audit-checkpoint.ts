// The audit checkpoint job: a Temporal schedule runs its workflow, whose activity signs the head of every audit chain
// with the worker's key. The signed checkpoints stay in the workflow's result (Temporal's history) and in an export
// file: out of reach of anyone who can only change the database.

/** One chain head as signed: the JWS is what counts, the plain fields say what it covers. */
export interface SignedCheckpoint {
  municipality: string;
  position: number;
  hash: string;
  at: string;
  kid: string;
  jws: string;
}

export interface CheckpointRun {
  at: string;
  checkpoints: SignedCheckpoint[];
}

export interface AuditCheckpointActivities {
  signAuditCheckpoints(): Promise<CheckpointRun>;
}

export const AUDIT_CHECKPOINT_WORKFLOW = 'auditCheckpointWorkflow';
export const AUDIT_CHECKPOINT_SCHEDULE_ID = 'audit-checkpoints';
/** Workflow ids of checkpoint runs asked for outside the schedule (the SYSTEM role's POST /audit/checkpoints). */
export const AUDIT_CHECKPOINT_ON_DEMAND_PREFIX = 'audit-checkpoint-on-demand-';
