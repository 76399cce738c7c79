// The API over real HTTP, with tokens from the local issuer.
import { INestApplication } from '@nestjs/common';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/create-app';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, LocalIssuer, Principal } from '../../libs/auth/src';
import { loadConfig } from '../../libs/config/src';
import { testCheckpointPublicKeysFile } from './audit-keys';
import { TEST_ENCRYPTION_KEYS } from './harness';

export interface Api {
  app: INestApplication;
  issuer: LocalIssuer;
  http: ReturnType<typeof request>;
  token(p: Principal): Promise<string>;
  close(): Promise<void>;
}

/** The API's configuration in the tests: the suite's PostgreSQL and Temporal, the test keys, tokens of `issuer`. */
export function testApiEnv(taskQueue: string, issuer: LocalIssuer): Record<string, string | undefined> {
  return {
    DATABASE_URL: process.env.TEST_DATABASE_URL,
    TEMPORAL_ADDRESS: process.env.TEST_TEMPORAL_ADDRESS,
    TEMPORAL_TASK_QUEUE: taskQueue,
    PAYLOAD_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
    OIDC_ISSUER: LOCAL_ISSUER,
    OIDC_AUDIENCE: LOCAL_AUDIENCE,
    OIDC_JWKS_FILE: issuer.jwksFile,
    LOG_LEVEL: 'error',
    AUDIT_CHECKPOINT_PUBLIC_KEYS_FILE: testCheckpointPublicKeysFile(),
  };
}

export async function openApi(taskQueue: string, overrides: Record<string, string> = {}): Promise<Api> {
  const issuer = await LocalIssuer.open(mkdtempSync(join(tmpdir(), 'ke-ip-issuer-')));
  const config = loadConfig({
    ...testApiEnv(taskQueue, issuer),
    // The contract tests read /docs/openapi.json; production serves no docs unless API_DOCS says so.
    API_DOCS: 'public',
    ...overrides,
  });
  const app = await createApiApp(config);
  await app.init();
  const server = app.getHttpServer();
  return {
    app,
    issuer,
    http: request(server),
    token: (p) => issuer.mint(p),
    close: () => app.close(),
  };
}
