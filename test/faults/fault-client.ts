// What the fault tests' client does while parts of the engine die under it: every command has its own
// Idempotency-Key and is sent again after a lost answer, a 5xx or an in-flight 409, until it has a final answer.
import { randomUUID } from 'node:crypto';
import type { Principal } from '../../libs/auth/src';
import { transient } from '../support/case-flows';
import type { FaultStack, Part } from './fault-stack';

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** mulberry32: a seeded schedule, so that a round that failed can be run again as it was. */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Answer {
  status: number;
  body: any;
  attempts: number;
}

export class FaultClient {
  private readonly tokens = new Map<string, string>();
  constructor(private readonly stack: FaultStack) {}

  private async token(p: Principal) {
    if (!this.tokens.has(p.sub)) this.tokens.set(p.sub, await this.stack.issuer.mint(p));
    return this.tokens.get(p.sub)!;
  }

  /** Sends one command until it has a final answer: what it would be for a client that must not lose it. */
  async send(p: Principal, path: string, body: object, key = randomUUID()): Promise<Answer> {
    const headers = { Authorization: `Bearer ${await this.token(p)}`, 'Content-Type': 'application/json', 'Idempotency-Key': key };
    let last = 'no answer';
    for (let attempts = 1; ; attempts++) {
      try {
        const res = await fetch(`${this.stack.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(60_000) });
        const answer: Answer = { status: res.status, body: await res.json().catch(() => null), attempts };
        if (!transient(answer.status, answer.body)) return answer;
        last = `${answer.status} ${answer.body?.code ?? answer.body?.title ?? ''}`;
      } catch (e) {
        // no answer (the API died under the request, or is starting): the same request again
        last = `no answer (${(e as Error).name})`;
      }
      if (attempts > 400) throw new Error(`${path}: no final answer after ${attempts} attempts (the last: ${last})`);
      await pause(500);
    }
  }

  /**
   * A GET that waits for the API to be back, until it answers 200: for at most `within` ms, then it fails naming
   * the last answer (a 4xx is final at once: asking again would not change it).
   */
  async read(path: string, p: Principal, within = 180_000): Promise<any> {
    let last = 'no answer';
    for (const until = Date.now() + within; ; await pause(500)) {
      try {
        const res = await fetch(`${this.stack.url}${path}`, { headers: { Authorization: `Bearer ${await this.token(p)}` }, signal: AbortSignal.timeout(30_000) });
        if (res.status === 200) return res.json();
        const body = await res.text();
        last = `${res.status} ${body.slice(0, 300)}`;
        if (res.status >= 400 && res.status < 500 && res.status !== 429 && res.status !== 409) break;
      } catch (e) {
        last = `no answer (${(e as Error).name})`; // the API is restarting
      }
      if (Date.now() > until) break;
    }
    throw new Error(`GET ${path}: no 200 (the last answer: ${last})`);
  }
}

/**
 * Up to `kills` SIGKILLs, each of a part drawn from `parts` at a random moment while `going()` holds, started again
 * on the same port and data after a random pause; counted in `killed`.
 */
export async function killAtRandom(stack: FaultStack, rnd: () => number, parts: readonly Part[], kills: number, going: () => boolean, killed: Record<Part, number>) {
  for (let k = 0; k < kills && going(); k++) {
    await pause(500 + rnd() * 3000);
    const part = parts[Math.floor(rnd() * parts.length)];
    await stack.kill(part);
    killed[part]++;
    await pause(rnd() * 2500);
    await stack.start(part);
  }
}
