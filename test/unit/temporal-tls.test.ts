// Mutual TLS to Temporal: the certificates scripts/temporal-certs.sh issues and the connection options the API and the
// worker build from TEMPORAL_TLS_* (temporalTls) complete a real TLS handshake with a server that requires a client
// certificate from the CA; without one, or with one from another CA, the server refuses.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as tls from 'node:tls';
import { loadConfig } from '../../libs/config/src';
import { temporalTls } from '../../libs/temporal/src/connection-options';

const issue = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ke-ip-certs-'));
  const r = spawnSync('bash', [resolve(__dirname, '../../scripts/temporal-certs.sh'), dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return dir;
};

function handshake(serverDir: string, client: tls.ConnectionOptions): Promise<'authorized' | string> {
  const server = tls.createServer({
    cert: readFileSync(join(serverDir, 'server.pem')),
    key: readFileSync(join(serverDir, 'server.key')),
    ca: readFileSync(join(serverDir, 'ca.pem')),
    requestCert: true,
    rejectUnauthorized: true,
  }, (socket) => socket.end('ok'));
  return new Promise((res) => {
    server.listen(0, '127.0.0.1', () => {
      const socket = tls.connect({ port: (server.address() as AddressInfo).port, host: '127.0.0.1', ...client });
      socket.once('data', () => (socket.destroy(), server.close(), res('authorized')));
      socket.once('error', (e) => (server.close(), res(e.message)));
      socket.once('close', () => (server.close(), res('closed')));
    });
  });
}

const asNodeOptions = (o: ReturnType<typeof temporalTls>): tls.ConnectionOptions => ({
  ca: o?.serverRootCACertificate ? Buffer.from(o.serverRootCACertificate) : undefined,
  cert: o?.clientCertPair ? Buffer.from(o.clientCertPair.crt) : undefined,
  key: o?.clientCertPair ? Buffer.from(o.clientCertPair.key) : undefined,
  servername: o?.serverNameOverride,
});

describe('mutual TLS to Temporal', () => {
  const dir = issue();
  const settings = (client: string) => ({
    TEMPORAL_TLS_CA_FILE: join(dir, 'ca.pem'),
    TEMPORAL_TLS_CERT_FILE: join(dir, `${client}.pem`),
    TEMPORAL_TLS_KEY_FILE: join(dir, `${client}.key`),
    TEMPORAL_TLS_SERVER_NAME: 'temporal',
  });

  it('the api and the worker connect with their certificates', async () => {
    expect(await handshake(dir, asNodeOptions(temporalTls(settings('api'))))).toBe('authorized');
    expect(await handshake(dir, asNodeOptions(temporalTls(settings('worker'))))).toBe('authorized');
  });

  it('a client without a certificate, or with one from another CA, is refused', async () => {
    const { TEMPORAL_TLS_CA_FILE, TEMPORAL_TLS_SERVER_NAME } = settings('api');
    expect(await handshake(dir, asNodeOptions(temporalTls({ TEMPORAL_TLS_CA_FILE, TEMPORAL_TLS_SERVER_NAME })))).not.toBe('authorized');
    const other = issue();
    const forged = { ...settings('api'), TEMPORAL_TLS_CERT_FILE: join(other, 'api.pem'), TEMPORAL_TLS_KEY_FILE: join(other, 'api.key') };
    expect(await handshake(dir, asNodeOptions(temporalTls(forged)))).not.toBe('authorized');
  });

  it('connects plainly when no TEMPORAL_TLS_* is set, and refuses a certificate without its key', () => {
    expect(temporalTls({})).toBeUndefined();
    const base = { DATABASE_URL: 'postgres://x/y', PAYLOAD_ENCRYPTION_KEYS: `k:${Buffer.alloc(32, 3).toString('base64')}`, OIDC_ISSUER: 'i', OIDC_AUDIENCE: 'a', OIDC_JWKS_FILE: '/x' };
    expect(() => loadConfig({ ...base, TEMPORAL_TLS_CERT_FILE: '/certs/api.pem' })).toThrow(/TEMPORAL_TLS_KEY_FILE is required/);
  });
});
