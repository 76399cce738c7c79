import { DefaultPayloadConverter } from '@temporalio/common';
import { AesGcmPayloadCodec, parseEncryptionKeys } from '../aes-gcm.codec';

const key = (id: string, fill: number) => `${id}:${Buffer.alloc(32, fill).toString('base64')}`;
const converter = new DefaultPayloadConverter();

describe('AesGcmPayloadCodec', () => {
  it('round-trips a payload and keeps personal data out of the stored bytes', async () => {
    const codec = new AesGcmPayloadCodec(parseEncryptionKeys(key('k1', 1)));
    const payload = converter.toPayload({ nationalId: '15069012345', name: 'Kari Nordmann' });
    const [encrypted] = await codec.encode([payload]);
    expect(Buffer.from(encrypted.data!).toString('latin1')).not.toContain('15069012345');
    expect(Buffer.from(encrypted.metadata!['encryption-key-id']).toString()).toBe('k1');
    const [decoded] = await codec.decode([encrypted]);
    expect(converter.fromPayload(decoded)).toEqual({ nationalId: '15069012345', name: 'Kari Nordmann' });
  });

  it('decrypts with a rotated-out key; an unknown key, a tampered or an unencrypted payload decodes to the untrusted marker', async () => {
    const old = new AesGcmPayloadCodec(parseEncryptionKeys(key('k1', 1)));
    const [encrypted] = await old.encode([converter.toPayload('x')]);
    const rotated = new AesGcmPayloadCodec(parseEncryptionKeys(`${key('k2', 2)},${key('k1', 1)}`));
    expect(converter.fromPayload((await rotated.decode([encrypted]))[0])).toBe('x');
    const decoded = async (codec: AesGcmPayloadCodec, p: typeof encrypted) => converter.fromPayload((await codec.decode([p]))[0]);
    expect(await decoded(new AesGcmPayloadCodec(parseEncryptionKeys(key('k2', 2))), encrypted)).toEqual({ __untrustedPayload: 'UNKNOWN_KEY' });
    const tampered = { ...encrypted, data: Buffer.from(encrypted.data!).map((b, i) => (i === 20 ? b ^ 1 : b)) };
    expect(await decoded(old, tampered)).toEqual({ __untrustedPayload: 'NOT_AUTHENTIC' });
    expect(await decoded(old, converter.toPayload({ event: { type: 'USER_DIED' }, actor: { sub: 'system', role: 'SYSTEM' } }))).toEqual({ __untrustedPayload: 'NOT_ENCRYPTED' });
  });
});
