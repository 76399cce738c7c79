// Every archive document kind is PDF/A-2b as veraPDF (the reference validator, fetched by scripts/verapdf.sh before the
// tests) judges it; a plain pdfkit file is not, so the validator is seen to fail too.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { renderDocument } from '../../libs/archive/src/documents';
import { DOCUMENT_KINDS, sampleInput } from '../../libs/archive/src/__tests__/document-samples';

const root = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'archive-pdfa-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** veraPDF's verdict per file: PASS, FAIL (with the failed rules) or ERROR. */
function verapdf(files: string[]): Map<string, string> {
  let out: string;
  try {
    out = execFileSync('bash', ['scripts/verapdf.sh', '--flavour', '2b', ...files], { cwd: root, encoding: 'utf8' });
  } catch (e) {
    out = String((e as { stdout?: string }).stdout ?? '');
  }
  const verdicts = new Map<string, string>();
  let current = '';
  for (const line of out.split('\n')) {
    const m = /^(PASS|FAIL|ERROR) 2b (\S+)/.exec(line);
    if (m) verdicts.set((current = m[2]), line);
    else if (current && line.startsWith('  ')) verdicts.set(current, `${verdicts.get(current)}\n${line}`);
  }
  return verdicts;
}

it('has veraPDF (scripts/test.sh runs scripts/verapdf.sh --install first)', () => {
  expect(existsSync(join(root, '.tools', 'verapdf', 'ready'))).toBe(true);
});

it('renders every document kind as PDF/A-2b', async () => {
  const files = await Promise.all(DOCUMENT_KINDS.map(async (kind) => {
    const file = join(dir, `${kind}.pdf`);
    writeFileSync(file, await renderDocument(sampleInput(kind)));
    return file;
  }));
  const verdicts = verapdf(files);
  for (const file of files) expect(verdicts.get(file) ?? `no verdict for ${file}`).toMatch(/^PASS/);
});

it('is told by veraPDF when a file is not PDF/A (standard font, no output intent, no metadata)', async () => {
  const file = join(dir, 'plain.pdf');
  const doc = new PDFDocument();
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => doc.on('end', resolve));
  doc.text('Ikke PDF/A');
  doc.end();
  await ended;
  writeFileSync(file, Buffer.concat(chunks));
  expect(verapdf([file]).get(file)).toMatch(/^FAIL[\s\S]*6\.2\.11\.4\.1/);
});
