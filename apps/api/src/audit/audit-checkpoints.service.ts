// The signed checkpoints, read from where the database cannot reach them: the results of the checkpoint workflow's
// runs in Temporal, and (when the API is given AUDIT_CHECKPOINT_EXPORT_DIR, read-only) the export files, which outlive
// Temporal's retention of closed runs. Each signature is checked with the configured public keys (by kid); a run is
// immutable once completed, so its verified heads are kept in memory.
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
    const seen = new Set(out.map((c) => c.checkpoint.jws));
    for (const c of this.exported()) {
      if (seen.has(c.jws)) continue;
      seen.add(c.jws);
      out.push({ checkpoint: c, head: await this.verified(c) });
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

  /** The checkpoints in the export folder's JSON-lines files, if this API has the folder. */
  private exported(): SignedCheckpoint[] {
    const dir = this.config.AUDIT_CHECKPOINT_EXPORT_DIR;
    if (!dir || !existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((f) => /^audit-checkpoints-\d{4}-\d{2}\.jsonl$/.test(f))
      .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as SignedCheckpoint));
  }

  private async verified(c: SignedCheckpoint): Promise<ChainHead | null> {
    try {
      return await verifyCheckpoint(c.jws, this.keys!);
    } catch {
      return null;
    }
  }
}
