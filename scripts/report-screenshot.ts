// npm run report:screenshot: the printable internal-control report (render-html.ts) for a sample month, rendered by
// headless Chromium, to docs/internal-control-report.png. The sample is the renderers' test fixture: made-up figures
// for every indicator K1–K19 with a 12-month trend.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { renderReportHtml } from '../libs/audit/src/internal-control/render-html';
import { sampleReport, sampleTrend } from '../libs/audit/src/internal-control/__tests__/report.fixtures';
import { openChromium } from './headless-chromium';

const OUT = join(__dirname, '..', 'docs', 'internal-control-report.png');

async function main() {
  const report = sampleReport('2027-01', '4601', 1);
  const html = renderReportHtml(report, sampleTrend(report), { reportId: '3f6c2a1e-8b7d-4c5e-9a0f-1b2c3d4e5f60', sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' });
  const browser = await openChromium({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await browser.context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    // The page as it prints: the print stylesheet, in colour.
    await page.emulateMedia({ media: 'print' });
    mkdirSync(dirname(OUT), { recursive: true });
    await page.screenshot({ path: OUT, fullPage: true });
    console.log(`report:screenshot: wrote ${OUT}`);
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(`report:screenshot: ${(e as Error).message}`);
  process.exit(1);
});
