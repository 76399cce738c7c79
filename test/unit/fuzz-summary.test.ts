// The fuzz pass's lines in the CI log: CI reads pytest's closing form ("=== … in 30.05s ===") as a pytest run and one
// with no "passed" in it as a run that executed no test, so the summary keeps schemathesis's figures in another form.
import { quietSummary } from '../../scripts/fuzz-ci';

const REPORT = [
  'Schemathesis v4.32.5',
  '━━━━━━━━━━━━━━━━━━━━',
  ' API Operations: 61 selected / 61 total',
  '',
  '  972 generated, 972 passed',
  '',
  '============================= 3 warnings in 30.05s =============================',
].join('\n');

describe('quietSummary', () => {
  it('keeps the generated and passed counts, the warnings and the time', () => {
    expect(quietSummary(REPORT)).toBe('  schemathesis: generated 972, passed 972; 3 warnings; 30.05 s');
  });

  it('keeps what follows the counts (skips, failures)', () => {
    const report = REPORT.replace('972 generated, 972 passed', '980 generated, 970 passed, 10 skipped');
    expect(quietSummary(report)).toContain('generated 980, passed 970, 10 skipped');
  });

  it('prints no line in a test runner\'s closing form', () => {
    const line = quietSummary(REPORT);
    expect(line).not.toMatch(/^=+ .* in [\d.]+s =+$/);
    expect(line).not.toMatch(/\d+ passed/);
    expect(line).not.toMatch(/=/);
  });

  it('says so when the report carries no counts', () => {
    expect(quietSummary('something else')).toBe('  schemathesis: no counts');
  });
});
