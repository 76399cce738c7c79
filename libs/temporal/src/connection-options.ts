// How the API and the worker reach Temporal: plain on a developer's machine, mutual TLS in production (compose
// generates the certificates with scripts/temporal-certs.sh). One builder for both clients.
import { readFileSync } from 'node:fs';
import type { TLSConfig } from '@temporalio/common/lib/internal-non-workflow/tls-config';

export interface TemporalTlsSettings {
  TEMPORAL_TLS_CA_FILE?: string;
  TEMPORAL_TLS_CERT_FILE?: string;
  TEMPORAL_TLS_KEY_FILE?: string;
  TEMPORAL_TLS_SERVER_NAME?: string;
}

/** The TLS options of a Temporal connection, or undefined for a plain one (no TEMPORAL_TLS_* set). */
export function temporalTls(s: TemporalTlsSettings): TLSConfig | undefined {
  if (!s.TEMPORAL_TLS_CA_FILE && !s.TEMPORAL_TLS_CERT_FILE && !s.TEMPORAL_TLS_KEY_FILE) return undefined;
  return {
    ...(s.TEMPORAL_TLS_CA_FILE ? { serverRootCACertificate: readFileSync(s.TEMPORAL_TLS_CA_FILE) } : {}),
    ...(s.TEMPORAL_TLS_CERT_FILE && s.TEMPORAL_TLS_KEY_FILE
      ? { clientCertPair: { crt: readFileSync(s.TEMPORAL_TLS_CERT_FILE), key: readFileSync(s.TEMPORAL_TLS_KEY_FILE) } }
      : {}),
    ...(s.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: s.TEMPORAL_TLS_SERVER_NAME } : {}),
  };
}
