// Debian's Chromium (/usr/bin/chromium, installed by scripts/chromium.sh), driven by playwright-core: headless, no
// sandbox (containers run as root), no GPU, and nothing that reaches the network by itself (no QUIC, no background
// networking, updates or sync), in a new empty profile that is removed on close.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export interface HeadlessChromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A browser with a fresh profile (playwright passes it as --user-data-dir); `close` ends it and removes the profile. */
export async function openChromium(options: { viewport?: { width: number; height: number }; extraHTTPHeaders?: Record<string, string> } = {}): Promise<HeadlessChromium> {
  const profile = mkdtempSync(join(tmpdir(), 'ke-ip-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: options.viewport ?? { width: 1400, height: 900 },
      extraHTTPHeaders: options.extraHTTPHeaders,
    });
    return {
      context,
      async close() {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    throw new Error(`could not start ${CHROMIUM_PATH} (install it with scripts/chromium.sh): ${(e as Error).message}`);
  }
}
