// The internal-control audit trail as a hash chain per municipality (issue 10): each entry carries its position and
// the hash of the entry before it, so a changed, removed, inserted or reordered entry breaks the chain at a position
// that verification names. Pure: the database and the signing of checkpoints are elsewhere.
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/**
 * What an entry records: a case's transition (CASE_EVENT, keyed by case and seq), or a record of internal control
 * itself (REPORT: a stored monthly report's hash). Personal data stays out: the payload is kept only as its digest.
 */
export type AuditKind = 'CASE_EVENT' | 'REPORT';

/** What an entry says. Personal data stays out: the payload is kept only as its digest. */
export interface AuditFacts {
  kind: AuditKind;
  municipality: string;
  caseId: string | null;
  seq: number | null;
  at: string;
  /** Who: the person (or the system) and the municipalities their token named. */
  actor: { sub: string; name: string; role: string; municipalities: string[] };
  event: string;
  payloadDigest: string;
  fromStatus: string | null;
  toStatus: string | null;
  legalBasis: string | null;
  requestId: string | null;
  purpose: string | null;
}

export interface AuditEntry extends AuditFacts {
  position: number;
  prevHash: string;
  hash: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** SHA-256 of the payload in canonical JSON (RFC 8785), so equal payloads have equal digests. */
export const payloadDigest = (payload: unknown) => sha256(canonicalize(payload ?? null) ?? 'null');

/** The fields an entry's hash covers: all of its facts, its position and its predecessor's hash. */
const HASHED: (keyof AuditFacts | 'position' | 'prevHash')[] = [
  'kind', 'municipality', 'caseId', 'seq', 'at', 'actor', 'event', 'payloadDigest', 'fromStatus', 'toStatus', 'legalBasis', 'requestId', 'purpose', 'position', 'prevHash',
];

/** The hash of an entry: over its facts (in canonical JSON, RFC 8785), its position and its predecessor's hash. */
export function entryHash(e: AuditFacts & { position: number; prevHash: string }): string {
  const hashed = Object.fromEntries(HASHED.map((k) => [k, e[k]]));
  return sha256(canonicalize(hashed)!);
}

/** The next entry of a chain whose head is `head` (undefined for an empty chain). */
export function append(head: Pick<AuditEntry, 'position' | 'hash'> | undefined, facts: AuditFacts): AuditEntry {
  const position = (head?.position ?? 0) + 1;
  const prevHash = head?.hash ?? GENESIS_HASH;
  return { ...facts, position, prevHash, hash: entryHash({ ...facts, position, prevHash }) };
}

export interface Verification {
  valid: boolean;
  checked: number;
  firstBroken: { position: number; reason: string } | null;
}

/**
 * Checks entries of one chain in position order, from `from` (its predecessor's hash given, or the genesis):
 * each is the next position, links to the one before, and hashes to what it says. Where a link breaks, the reason
 * says what most likely happened: an entry inserted before it (it links to the one before that), entries swapped (it
 * links to a later one), or one removed or changed (it links to nothing seen).
 */
export function verifyChain(entries: AuditEntry[], from: { position: number; hash: string } = { position: 0, hash: GENESIS_HASH }): Verification {
  let expected = { position: from.position + 1, prevHash: from.hash };
  let beforePrevious: string | undefined;
  let checked = 0;
  const broken = (position: number, reason: string): Verification => ({ valid: false, checked, firstBroken: { position, reason } });
  for (const [i, e] of entries.entries()) {
    if (e.position > expected.position) return broken(expected.position, `entry ${expected.position} is missing (removed)`);
    if (e.position < expected.position) return broken(e.position, `position ${e.position} appears twice (an entry was inserted) or out of order`);
    if (e.prevHash !== expected.prevHash) {
      if (beforePrevious !== undefined && e.prevHash === beforePrevious) {
        return broken(e.position - 1, `entry ${e.position - 1} was inserted: entry ${e.position} links to entry ${e.position - 2}`);
      }
      const later = entries.slice(i + 1).find((l) => l.hash === e.prevHash);
      if (later) return broken(e.position, `entries were reordered: entry ${e.position} links to entry ${later.position}, which comes after it`);
      return broken(e.position, 'does not link to the entry before it (an entry was removed, changed or inserted before it)');
    }
    if (entryHash(e) !== e.hash) return broken(e.position, 'its content does not match its hash (changed)');
    checked++;
    beforePrevious = expected.prevHash;
    expected = { position: e.position + 1, prevHash: e.hash };
  }
  return { valid: true, checked, firstBroken: null };
}
