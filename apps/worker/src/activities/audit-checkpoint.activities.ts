// Signs the head of every audit chain with the worker's key and writes the checkpoints to the export folder (JSON
// lines, a file per month). Reads the database, never writes it: the checkpoint must stay out of its reach.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { chainHeads, signCheckpoint, SigningKey } from '../../../../libs/audit/src';
import type { AuditCheckpointActivities, CheckpointRun } from '../../../../libs/contracts/src/audit-checkpoint';

export function createAuditCheckpointActivities(db: DataSource, key: SigningKey, exportDir?: string): AuditCheckpointActivities {
  return {
    async signAuditCheckpoints(): Promise<CheckpointRun> {
      const at = new Date().toISOString();
      const heads = await chainHeads(db);
      const checkpoints = await Promise.all(
        heads.map(async (h) => ({ ...h, at, kid: key.kid, jws: await signCheckpoint({ ...h, at }, key) })),
      );
      if (exportDir && checkpoints.length) {
        mkdirSync(exportDir, { recursive: true });
        appendFileSync(join(exportDir, `audit-checkpoints-${at.slice(0, 7)}.jsonl`), checkpoints.map((c) => `${JSON.stringify(c)}\n`).join(''), { mode: 0o640 });
      }
      return { at, checkpoints };
    },
  };
}
