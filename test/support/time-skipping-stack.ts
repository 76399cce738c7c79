// The API over HTTP and a worker on Temporal's time-skipping test server, with real PostgreSQL.
// The test server does not skip time while a client waits on an Update: tests skip with `env.sleep`.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { createProjectionActivities } from '../../apps/worker/src/activities/projection.activities';
import type { Principal } from '../../libs/auth/src';
import { openDataSource } from '../../libs/persistence/src';
import { caseWorkflowBundle, dataConverterFor, parseEncryptionKeys } from '../../libs/temporal/src';
import { freePort, timeSkippingServerPath } from '../../scripts/services';
import { Api, openApi } from './api';
import { TEST_ENCRYPTION_KEYS } from './harness';

export interface TimeSkippingStack {
  env: TestWorkflowEnvironment;
  db: DataSource;
  api: Api;
  taskQueue: string;
  /** Bearer header for a person (token minted once). */
  as(p: Principal): Promise<{ Authorization: string }>;
  close(): Promise<void>;
}

export interface TimeSkippingWorker {
  env: TestWorkflowEnvironment;
  db: DataSource;
  /** The test server's port. */
  port: number;
  /** Stops the worker, closes the database and ends the test server. */
  close(): Promise<void>;
}

/**
 * Starts the Java test server. The SDK gives it 5 s to listen, which a loaded 2-core machine's JVM start can exceed:
 * a start that timed out is tried again on a new port (the SDK has stopped the slow one), at most three times.
 */
export async function startTimeSkippingServer(dataConverter: ReturnType<typeof dataConverterFor>): Promise<{ env: TestWorkflowEnvironment; port: number }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      const env = await TestWorkflowEnvironment.createTimeSkipping({
        server: { executable: { type: 'existing-path', path: timeSkippingServerPath() }, port },
        client: { dataConverter },
      });
      return { env, port };
    } catch (e) {
      if (attempt >= 3 || !/did not start within/.test(String((e as Error)?.message))) throw e;
    }
  }
}

/** The time-skipping test server and a worker on `taskQueue` with the activities made from the database. */
export async function openTimeSkippingWorker(taskQueue: string, activitiesOf: (db: DataSource) => object): Promise<TimeSkippingWorker> {
  const dataConverter = dataConverterFor(parseEncryptionKeys(TEST_ENCRYPTION_KEYS));
  const { env, port } = await startTimeSkippingServer(dataConverter);
  const db = await openDataSource(process.env.TEST_DATABASE_URL!);
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    ...caseWorkflowBundle(),
    activities: activitiesOf(db),
    dataConverter,
  });
  const running = worker.run();
  return {
    env,
    db,
    port,
    async close() {
      worker.shutdown();
      await running;
      await db.destroy();
      await env.teardown();
    },
  };
}

export async function openTimeSkippingStack(taskQueue: string): Promise<TimeSkippingStack> {
  const { env, db, port, close } = await openTimeSkippingWorker(taskQueue, createProjectionActivities);
  const api = await openApi(taskQueue, { TEMPORAL_ADDRESS: `127.0.0.1:${port}`, SEARCH_ATTRIBUTES: 'false' });
  const tokens = new Map<string, string>();
  return {
    env,
    db,
    api,
    taskQueue,
    async as(p) {
      if (!tokens.has(p.sub)) tokens.set(p.sub, await api.token(p));
      return { Authorization: `Bearer ${tokens.get(p.sub)}` };
    },
    async close() {
      await api.close();
      await close();
    },
  };
}
