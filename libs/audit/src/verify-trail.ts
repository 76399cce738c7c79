// Verifies a chain as stored, page by page, against itself (every link and hash) and against the signed checkpoints:
// a changed, removed, inserted or reordered entry breaks a link or a hash at its position; a chain rewritten
// consistently (every hash recomputed) no longer passes through the hash a checkpoint signed; entries removed from the
// end leave a checkpoint pointing past the head.
import type { DataSource, EntityManager } from 'typeorm';
import { GENESIS_HASH, Verification, verifyChain } from './audit-chain';
import { entryAt, readChain } from './audit-store';
import type { ChainHead } from './checkpoint';

const PAGE = 5000;

export interface TrailVerification extends Verification {
  municipality: string;
  /** The positions checked (null when the range holds no entry). */
  fromPosition: number | null;
  toPosition: number | null;
  checkpoints: { checked: number; latest: ChainHead | null };
}

/** The newest checkpoint of a municipality's chain (by position, then time). */
export const latestCheckpoint = (checkpoints: ChainHead[], municipality: string): ChainHead | null =>
  checkpoints.filter((c) => c.municipality === municipality).sort((a, b) => b.position - a.position || b.at.localeCompare(a.at))[0] ?? null;

/**
 * Checks positions `fromPosition..toPosition` of a municipality's chain (all of it by default) and every checkpoint
 * (verified heads, signatures already checked) of that chain in the range; the whole-chain check also catches a
 * checkpoint beyond the head (a truncated chain).
 */
export async function verifyTrail(
  db: DataSource | EntityManager,
  municipality: string,
  checkpoints: ChainHead[],
  range: { fromPosition?: number; toPosition?: number } = {},
): Promise<TrailVerification> {
  const start = range.fromPosition ?? 1;
  const mine = checkpoints.filter((c) => c.municipality === municipality).sort((a, b) => a.position - b.position || a.at.localeCompare(b.at));
  const byPosition = new Map<number, ChainHead[]>();
  for (const c of mine) byPosition.set(c.position, [...(byPosition.get(c.position) ?? []), c]);
  let checked = 0;
  let checkpointsChecked = 0;
  let lastGood: ChainHead | null = null;
  const answer = (v: Verification, toPosition: number | null): TrailVerification => ({
    ...v,
    municipality,
    fromPosition: checked || v.firstBroken ? start : null,
    toPosition,
    checkpoints: { checked: checkpointsChecked, latest: latestCheckpoint(mine, municipality) },
  });

  let from = { position: 0, hash: GENESIS_HASH };
  if (start > 1) {
    const before = await entryAt(db, municipality, start - 1);
    if (!before) return answer({ valid: false, checked, firstBroken: { position: start - 1, reason: `entry ${start - 1} is missing` } }, null);
    from = { position: before.position, hash: before.hash };
  }
  for (;;) {
    const page = await readChain(db, municipality, from.position, PAGE, range.toPosition);
    if (!page.length) break;
    const chain = verifyChain(page, from);
    // The first checkpoint this page contradicts, if it comes before the chain's own first break.
    for (const e of page) {
      if (chain.firstBroken && e.position >= chain.firstBroken.position) break;
      for (const c of byPosition.get(e.position) ?? []) {
        if (c.hash !== e.hash) {
          const since = lastGood ? `after position ${lastGood.position} (checkpoint of ${lastGood.at} still matches)` : 'at or before this position';
          return answer({ valid: false, checked: checked + (e.position - from.position - 1), firstBroken: { position: e.position,
            reason: `the chain does not pass through the hash the checkpoint of ${c.at} signed: it was rewritten ${since}` } }, e.position);
        }
        checkpointsChecked++;
        lastGood = c;
      }
    }
    checked += chain.checked;
    if (!chain.valid) return answer({ ...chain, checked }, chain.firstBroken!.position);
    const last = page[page.length - 1];
    from = { position: last.position, hash: last.hash };
  }
  if (range.toPosition === undefined) {
    const beyond = mine.find((c) => c.position > from.position);
    if (beyond) {
      return answer({ valid: false, checked, firstBroken: { position: from.position + 1,
        reason: `the chain ends at position ${from.position}, but the checkpoint of ${beyond.at} vouches for position ${beyond.position}: entries were removed from its end` } }, from.position);
    }
  }
  return answer({ valid: true, checked, firstBroken: null }, checked ? from.position : null);
}
