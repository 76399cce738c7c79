import type { ChildProcess } from 'node:child_process';
import { stop } from '../../scripts/services';

export default async function globalTeardown(): Promise<void> {
  const g = globalThis as unknown as Record<string, ChildProcess | undefined>;
  await Promise.all([stop(g.__temporal), stop(g.__pg)]);
}
