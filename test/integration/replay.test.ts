// Replays recorded case histories against today's workflow code: a change that would break running cases fails here.
// Record new ones with RECORD_HISTORIES=1 npx jest test/integration/case-api.e2e.test.ts test/integration/ke-week.e2e.test.ts --selectProjects integration
import { Worker } from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { caseWorkflowBundle, dataConverterFor, parseEncryptionKeys } from '../../libs/temporal/src';
import { TEST_ENCRYPTION_KEYS } from '../support/harness';

const dir = join(__dirname, '../histories');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('replay of recorded case histories', () => {
  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  it('replays every history without nondeterminism', async () => {
    const histories = files.map((f) => ({ workflowId: f.replace(/\.json$/, ''), history: JSON.parse(readFileSync(join(dir, f), 'utf8')) }));
    const results = [];
    for await (const r of Worker.runReplayHistories(
      { ...caseWorkflowBundle(), dataConverter: dataConverterFor(parseEncryptionKeys(TEST_ENCRYPTION_KEYS)) },
      histories,
    )) {
      results.push({ workflowId: r.workflowId, error: r.error?.message });
    }
    expect(results).toEqual(histories.map((h) => ({ workflowId: h.workflowId, error: undefined })));
  });
});
