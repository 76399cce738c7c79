// The ceiling the throughput bench compares the product with: the least a durable case could do on the same Temporal
// server and PostgreSQL. Each Update runs one activity that inserts one row, and the workflow ends after as many
// Updates as a product case has transitions. Not in the product's workflow index: only the bench's ceiling worker bundles it.
import { allHandlersFinished, condition, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';

export interface CeilingActivities {
  insertTransition(row: { workflowId: string; seq: number; eventType: string }): Promise<void>;
}
export interface CeilingInput {
  workflowId: string;
  transitions: number;
}

export const ceilingStepUpdate = defineUpdate<number, [{ eventType: string }]>('ceilingStep');

const { insertTransition } = proxyActivities<CeilingActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export async function ceilingWorkflow(input: CeilingInput): Promise<number> {
  let seq = 0;
  let recorded = 0;
  setHandler(ceilingStepUpdate, async ({ eventType }) => {
    const mine = ++seq;
    await insertTransition({ workflowId: input.workflowId, seq: mine, eventType });
    recorded += 1;
    return mine;
  });
  await condition(() => recorded >= input.transitions && allHandlersFinished());
  return recorded;
}
