// The signed checkpoints, read from where the database cannot reach them: the results of the checkpoint workflow's
// runs in Temporal. Each signature is checked with the configured public keys (by kid); a run is immutable once
// completed, so its verified heads are kept in memory.
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { JWK } from 'jose';
import { ChainHead, readVerifyKeys, verifyCheckpoint } from '../../../../libs/audit/src';
import { EnvConfig } from '../../../../libs/config/src';
import { AUDIT_CHECKPOINT_ON_DEMAND_PREFIX, AUDIT_CHECKPOINT_WORKFLOW, CheckpointRun, SignedCheckpoint } from '../../../../libs/contracts/src';
import { CONFIG } from '../config/config.module';
import { ProblemException } from '../problem/problem';
import { TEMPORAL_CLIENT } from '../temporal/temporal.module';

export interface CheckedCheckpoint {
  checkpoint: SignedCheckpoint;
  /** The head its signature vouches for; null when no configured key verifies it. */
  head: ChainHead | null;
}

@Injectable()
export class AuditCheckpointsService {
  private readonly keys: Record<string, JWK> | null;
  private readonly runs = new Map<string, CheckedCheckpoint[]>();

  constructor(@Inject(TEMPORAL_CLIENT) private readonly temporal: Client, @Inject(CONFIG) private readonly config: EnvConfig) {
    this.keys = config.AUDIT_CHECKPOINT_PUBLIC_KEYS_FILE ? readVerifyKeys(config.AUDIT_CHECKPOINT_PUBLIC_KEYS_FILE) : null;
  }

  get configured() {
    return this.keys !== null;
  }

  /** Every completed checkpoint run's checkpoints, their signatures checked. */
  async all(): Promise<CheckedCheckpoint[]> {
    if (!this.keys) return [];
    const out: CheckedCheckpoint[] = [];
    const query = `WorkflowType = '${AUDIT_CHECKPOINT_WORKFLOW}' AND ExecutionStatus = 'Completed'`;
    for await (const run of this.temporal.workflow.list({ query })) {
      const key = `${run.workflowId}/${run.runId}`;
      let checked = this.runs.get(key);
      if (!checked) {
        const result = (await this.temporal.workflow.getHandle(run.workflowId, run.runId).result()) as CheckpointRun;
        checked = await Promise.all(result.checkpoints.map(async (c) => ({ checkpoint: c, head: await this.verified(c) })));
        this.runs.set(key, checked);
      }
      out.push(...checked);
    }
    return out.sort((a, b) => a.checkpoint.at.localeCompare(b.checkpoint.at) || a.checkpoint.municipality.localeCompare(b.checkpoint.municipality));
  }

  /** Signs every chain's head now (the system role): a checkpoint run outside the schedule, answered when done. */
  async signNow(): Promise<CheckpointRun> {
    if (!this.keys) throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, 'Checkpoints not configured', 'This API has no AUDIT_CHECKPOINT_PUBLIC_KEYS_FILE to check checkpoints with.');
    return this.temporal.workflow.execute(AUDIT_CHECKPOINT_WORKFLOW, {
      workflowId: `${AUDIT_CHECKPOINT_ON_DEMAND_PREFIX}${randomUUID()}`,
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      args: [],
    }) as Promise<CheckpointRun>;
  }

  private async verified(c: SignedCheckpoint): Promise<ChainHead | null> {
    try {
      return await verifyCheckpoint(c.jws, this.keys!);
    } catch {
      return null;
    }
  }
}
