// Every part of the engine as its own process, each of which a fault test can SIGKILL and start again on the same
// port and data: PostgreSQL (a persistent cluster), the Temporal dev server (a SQLite file), the worker and the API.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalIssuer } from '../../libs/auth/src';
import type { DataSource } from 'typeorm';
import { migrate, openDataSource } from '../../libs/persistence/src/data-source';
import { appRoleName } from '../../libs/persistence/src/roles';
import { freePort, startEmbeddedDatabase, startEmbeddedPostgres, startTemporalDevServer, stop, type Started } from '../../scripts/services';
import { ApiProcess, startApiProcess } from '../support/api-process';
import { startWorkerProcess } from '../support/worker-process';

export const PARTS = ['worker', 'api', 'temporal', 'postgres'] as const;
export type Part = (typeof PARTS)[number];

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface FaultStackOptions {
  /** A Temporal server the test runs itself (e.g. the time-skipping test server): then `temporal` is not a part here. */
  temporalAddress?: string;
  /** Extra configuration of the worker and the API processes. */
  workerEnv?: Record<string, string>;
  apiEnv?: Record<string, string>;
}

export class FaultStack {
  readonly taskQueue = `ip-case-faults-${Date.now()}`;
  private pg!: Started;
  private temporal?: Started;
  private worker!: ChildProcess;
  api!: ApiProcess;
  issuer!: LocalIssuer;
  appUrl!: string;
  /** The application role's view of the data, for the assertions (its pool reconnects after PostgreSQL's restart). */
  db!: DataSource;
  private constructor(
    private readonly dir: string,
    private readonly pgPort: number,
    private readonly temporalPort: number,
    private readonly apiPort: number,
    private readonly o: FaultStackOptions,
  ) {}

  static async open(o: FaultStackOptions = {}): Promise<FaultStack> {
    const s = new FaultStack(mkdtempSync(join(tmpdir(), 'ke-ip-faults-')), await freePort(), await freePort(), await freePort(), o);
    const db = await startEmbeddedDatabase(join(s.dir, 'pg'), s.pgPort, false);
    s.pg = db;
    s.appUrl = db.appUrl;
    await migrate(db.ownerUrl, appRoleName());
    s.db = await openDataSource(db.appUrl);
    if (!o.temporalAddress) await s.start('temporal');
    // The worker and API processes of test/support read the suite's addresses from the environment.
    process.env.TEST_DATABASE_URL = db.appUrl;
    process.env.TEST_TEMPORAL_ADDRESS = o.temporalAddress ?? s.temporal!.url;
    s.issuer = await LocalIssuer.open(join(s.dir, 'issuer'));
    await s.start('worker');
    await s.start('api');
    return s;
  }

  get url() {
    return this.api.url;
  }

  /** SIGKILL, no goodbye: for PostgreSQL the postmaster itself (its launcher then ends too). */
  async kill(part: Part) {
    if (part === 'postgres') {
      const pid = Number(readFileSync(join(this.dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
      process.kill(pid, 'SIGKILL');
      await stop(this.pg.process, 'SIGKILL');
    } else await stop(this.process(part), 'SIGKILL');
  }

  async start(part: Part) {
    switch (part) {
      case 'postgres':
        // The killed postmaster's backends notice and exit; until they have, a new one refuses the shared memory.
        for (let attempt = 1; ; attempt++) {
          try {
            this.pg = await startEmbeddedPostgres(join(this.dir, 'pg'), this.pgPort, false);
            return;
          } catch (e) {
            if (attempt >= 20) throw e;
            await pause(500);
          }
        }
      case 'temporal':
        if (this.o.temporalAddress) throw new Error('this stack does not run its Temporal server');
        this.temporal = await startTemporalDevServer(this.temporalPort, join(this.dir, 'temporal.db'));
        return;
      case 'worker':
        this.worker = await startWorkerProcess(this.taskQueue, this.o.workerEnv);
        return;
      case 'api':
        this.api = await startApiProcess(this.taskQueue, this.issuer, { port: this.apiPort, env: this.o.apiEnv });
        return;
    }
  }

  private process(part: Exclude<Part, 'postgres'>): ChildProcess | undefined {
    return part === 'temporal' ? this.temporal?.process : part === 'worker' ? this.worker : this.api.process;
  }

  async close() {
    await this.db?.destroy();
    await stop(this.api?.process, 'SIGKILL');
    await stop(this.worker, 'SIGKILL');
    await stop(this.temporal?.process);
    await stop(this.pg?.process);
  }
}
