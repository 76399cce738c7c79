// The chain finds every kind of tampering at its position; a signed checkpoint finds a consistent rewrite.
import { exportJWK, generateKeyPair } from 'jose';
import { append, AuditEntry, AuditFacts, entryHash, payloadDigest, verifyChain } from '../audit-chain';
import { signCheckpoint, verifyCheckpoint } from '../checkpoint';

const facts = (i: number): AuditFacts => ({
  municipality: '4601',
  kind: 'CASE_EVENT' as const,
  caseId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  seq: i,
  at: new Date(Date.UTC(2027, 0, 1, 0, i)).toISOString(),
  actor: { sub: 'kari', name: 'Kari Saksbehandler', role: 'KE_CASEWORKER', municipalities: ['4601'] },
  event: 'REGISTER',
  payloadDigest: payloadDigest({ type: 'REGISTER', i }),
  fromStatus: 'RECEIVED',
  toStatus: 'REGISTERED',
  legalBasis: 'arkivforskrifta § 9',
  requestId: null,
  purpose: 'CASE_WORK',
});

function chain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (let i = 1; i <= n; i++) out.push(append(out[out.length - 1], facts(i)));
  return out;
}

describe('the audit hash chain', () => {
  it('verifies an untouched chain, and a digest is canonical', () => {
    expect(verifyChain(chain(10))).toEqual({ valid: true, checked: 10, firstBroken: null });
    expect(payloadDigest({ a: 1, b: [2, 3] })).toBe(payloadDigest({ b: [2, 3], a: 1 }));
  });

  it('names the position of a changed, removed, inserted or reordered entry', () => {
    const changed = chain(10);
    changed[4] = { ...changed[4], toStatus: 'CLOSED' };
    expect(verifyChain(changed).firstBroken).toEqual({ position: 5, reason: 'its content does not match its hash (changed)' });

    const removed = chain(10).filter((e) => e.position !== 6);
    expect(verifyChain(removed).firstBroken).toEqual({ position: 6, reason: 'entry 6 is missing (removed)' });

    const inserted = chain(10);
    const forged = append(inserted[2], facts(99));
    inserted.splice(3, 0, forged);
    expect(verifyChain(inserted).firstBroken?.position).toBe(4);

    const reordered = chain(10);
    [reordered[6], reordered[7]] = [reordered[7], reordered[6]];
    expect(verifyChain(reordered).firstBroken?.position).toBe(7);
  });

  it('says what happened when the positions were renumbered to hide it', () => {
    // A forged entry 4, linked properly to entry 3, and the real entries after it moved up one position.
    const real = chain(8);
    const forged = append(real[2], facts(99));
    const renumbered = [...real.slice(0, 3), forged, ...real.slice(3).map((e) => ({ ...e, position: e.position + 1 }))];
    expect(verifyChain(renumbered).firstBroken).toEqual({ position: 4, reason: 'entry 4 was inserted: entry 5 links to entry 3' });

    // Entries 5 and 6 swapped, positions and all.
    const swapped = chain(8);
    [swapped[4], swapped[5]] = [{ ...swapped[5], position: 5 }, { ...swapped[4], position: 6 }];
    expect(verifyChain(swapped).firstBroken).toEqual({ position: 5, reason: 'entries were reordered: entry 5 links to entry 6, which comes after it' });

    // Entry 4 removed and the ones after it moved down: entry 4 now links to nothing seen.
    const closed = chain(8);
    const gapless = [...closed.slice(0, 3), ...closed.slice(4).map((e) => ({ ...e, position: e.position - 1 }))];
    expect(verifyChain(gapless).firstBroken).toEqual({ position: 4, reason: 'does not link to the entry before it (an entry was removed, changed or inserted before it)' });
  });

  it('cannot tell a consistent rewrite from the real chain; a checkpoint signed before can', async () => {
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true });
    const key = { kid: 'audit-2027', privateJwk: await exportJWK(privateKey) };
    const real = chain(5);
    const jws = await signCheckpoint({ municipality: '4601', position: 5, hash: real[4].hash, at: '2027-01-02T00:00:00.000Z' }, key);

    // Someone with full database rights rewrites entry 3 and recomputes every hash after it.
    const rewritten: AuditEntry[] = [];
    for (const e of real) {
      const f = e.position === 3 ? { ...e, toStatus: 'CLOSED' } : e;
      rewritten.push(append(rewritten[rewritten.length - 1], f));
    }
    expect(verifyChain(rewritten).valid).toBe(true);
    const head = await verifyCheckpoint(jws, { 'audit-2027': await exportJWK(publicKey) });
    expect(head.hash).toBe(real[4].hash);
    expect(rewritten[4].hash).not.toBe(head.hash);
    expect(entryHash(rewritten[4])).toBe(rewritten[4].hash);
  });

  it('refuses a checkpoint signed with another key', async () => {
    const a = await generateKeyPair('EdDSA', { extractable: true });
    const b = await generateKeyPair('EdDSA', { extractable: true });
    const jws = await signCheckpoint({ municipality: '4601', position: 1, hash: 'x', at: 'y' }, { kid: 'k', privateJwk: await exportJWK(a.privateKey) });
    await expect(verifyCheckpoint(jws, { k: await exportJWK(b.publicKey) })).rejects.toThrow();
  });
});
