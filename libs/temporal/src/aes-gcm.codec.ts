// Payload codec: AES-256-GCM over every payload Temporal stores (case history holds health data).
// The key id travels in the payload's metadata, so old histories stay readable after a key rotation.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { UNTRUSTED_PAYLOAD, UntrustedReason } from '../../contracts/src/ip-case.messages';

const ENCODING = 'binary/encrypted';
const te = new TextEncoder();
const td = new TextDecoder();

export interface EncryptionKey {
  id: string;
  key: Buffer;
}

/** Parses "id1:base64key,id2:base64key"; the first key encrypts, all keys decrypt. */
export function parseEncryptionKeys(spec: string): EncryptionKey[] {
  const keys = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const [id, b64] = entry.split(':');
      const key = Buffer.from(b64 ?? '', 'base64');
      if (!id || key.length !== 32) throw new Error(`encryption key "${id ?? ''}" must be "<id>:<base64 of 32 bytes>"`);
      return { id, key };
    });
  if (keys.length === 0) throw new Error('at least one encryption key is required');
  return keys;
}

export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly byId: Map<string, Buffer>;
  constructor(private readonly keys: EncryptionKey[]) {
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const { id, key } = this.keys[0];
    return payloads.map((p) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const plain = temporal.api.common.v1.Payload.encode(p).finish();
      const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return { metadata: { encoding: te.encode(ENCODING), 'encryption-key-id': te.encode(id) }, data };
    });
  }

  /**
   * Only what a holder of a key encrypted is trusted. Anything else is not passed through and does not throw (a throw
   * would fail the workflow task again and again, wedging the case): it decodes to `{ __untrustedPayload: reason }`,
   * which the workflow refuses as it refuses any invalid command.
   */
  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => {
      if (!p.metadata || td.decode(p.metadata.encoding) !== ENCODING) return untrusted('NOT_ENCRYPTED');
      const key = this.byId.get(td.decode(p.metadata['encryption-key-id']));
      if (!key) return untrusted('UNKNOWN_KEY');
      const buf = Buffer.from(p.data ?? new Uint8Array());
      if (buf.length < 12 + 16) return untrusted('NOT_AUTHENTIC');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
        decipher.setAuthTag(buf.subarray(buf.length - 16));
        const plain = Buffer.concat([decipher.update(buf.subarray(12, buf.length - 16)), decipher.final()]);
        return temporal.api.common.v1.Payload.decode(plain) as Payload;
      } catch {
        return untrusted('NOT_AUTHENTIC');
      }
    });
  }
}

const untrusted = (reason: UntrustedReason): Payload => ({
  metadata: { encoding: te.encode('json/plain') },
  data: te.encode(JSON.stringify({ [UNTRUSTED_PAYLOAD]: reason })),
});

export function dataConverterFor(keys: EncryptionKey[]) {
  return { payloadCodecs: [new AesGcmPayloadCodec(keys)] };
}
