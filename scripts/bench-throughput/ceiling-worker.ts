// The ceiling's worker, its own process like the product's: the ceiling workflow and its one activity, an INSERT of
// one row as the application role (ceiling.workflow.ts). Configured by DATABASE_URL, TEMPORAL_ADDRESS and TEMPORAL_TASK_QUEUE.
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { openDataSource } from '../../libs/persistence/src';
import type { CeilingActivities } from './ceiling.workflow';

/** The bench's own table, in a schema of its own so the product's migrations and grants never see it. */
export const CEILING_TABLE = 'ke_ip_bench.ceiling_transition';

async function main() {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const db = await openDataSource(process.env.DATABASE_URL!);
  const activities: CeilingActivities = {
    async insertTransition(r) {
      await db.query(`INSERT INTO ${CEILING_TABLE} (workflow_id, seq, event_type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [r.workflowId, r.seq, r.eventType]);
    },
  };
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  const worker = await Worker.create({
    connection, taskQueue: process.env.TEMPORAL_TASK_QUEUE!, workflowsPath: require.resolve('./ceiling.workflow'), activities, identity: `ke-ip-bench-ceiling@${process.pid}`,
  });
  console.log(`ceiling worker polling task queue ${process.env.TEMPORAL_TASK_QUEUE}`);
  await worker.run();
  await connection.close();
  await db.destroy();
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
