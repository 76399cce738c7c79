import { escapeHtml, formatValue, renderReportHtml } from '../render-html';
import type { InternalControlReport } from '../report.types';
import { sampleReport, sampleTrend } from './report.fixtures';

const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

describe('renderReportHtml', () => {
  const report = sampleReport('2027-01', '4601', 1);

  it('is one page with a row and a trend chart per indicator, the period and the municipality', () => {
    const html = renderReportHtml(report, sampleTrend(report));
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(count(html, /<tr class="indicator"/g)).toBe(19);
    expect(count(html, /<svg[\s>]/g)).toBe(19);
    for (const i of report.indicators) {
      const row = new RegExp(`<tr class="indicator" data-indicator="${i.id}">[\\s\\S]*?<svg[\\s\\S]*?</svg>[\\s\\S]*?</tr>`);
      expect(html).toMatch(row);
    }
    expect(html).toContain('Municipality 4601 Bergen');
    expect(html).toContain('Period 2027-01-01 – 2027-01-31');
    expect(html).toContain('@media print');
  });

  it('shows values in their unit, the target, whether it is met, and why a figure is missing', () => {
    const html = renderReportHtml(report, sampleTrend(report));
    const k4 = report.indicators.find((i) => i.id === 'K4')!;
    expect(html).toContain(formatValue('SHARE', k4.value!));
    expect(formatValue('SHARE', 0.8571)).toBe('85.7 %');
    expect(formatValue('DAYS', 23)).toBe('23 days');
    expect(html).toContain(`${k4.numerator} of ${k4.denominator}`);
    expect(html).toContain('≥ 95 %');
    expect(html).toContain('Journal entries are kept in the archive (Noark 5), not in the engine.');
    for (const c of report.indicators.flatMap((i) => i.casesFailing)) expect(html).toContain(c);
  });

  it('names a stored report by its id and digest', () => {
    const html = renderReportHtml(report, sampleTrend(report), { reportId: '7f0c1d5e-1111-4222-8333-944455556666', sha256: 'a'.repeat(64) });
    expect(html).toContain('7f0c1d5e-1111-4222-8333-944455556666');
    expect(html).toContain('a'.repeat(64));
  });

  it('needs nothing from outside: no script, no external asset', () => {
    const html = renderReportHtml(report, sampleTrend(report));
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|<embed|@import|\bsrc=|\bhref="(?!#)|url\((?!#)/i);
  });

  it('escapes every text of the report: nothing it carries reaches the page as markup', () => {
    const hostile = ['<script>alert(1)</script>', '"><img src=x onerror=alert(2)>', "' onmouseover='alert(3)", '</style><b>x</b>', '&lt;already&gt;'];
    const evil: InternalControlReport = {
      ...report,
      from: hostile[3],
      indicators: report.indicators.map((i, k) => ({
        ...i,
        name: hostile[k % 5],
        definition: hostile[(k + 1) % 5],
        duty: hostile[(k + 2) % 5],
        reason: hostile[(k + 3) % 5],
        details: { [hostile[(k + 4) % 5]]: 1 },
        casesFailing: [hostile[k % 5]],
      })),
    };
    const html = renderReportHtml(evil, sampleTrend(report), { reportId: hostile[0], sha256: hostile[1] });
    for (const h of hostile) {
      expect(html).not.toContain(h);
      expect(html).toContain(escapeHtml(h));
    }
    // No element the input could have opened, and no event-handler attribute in any tag.
    expect(html).not.toMatch(/<script|<img|<b>/i);
    const tags = html.match(/<[a-z][^>]*>/gi) ?? [];
    expect(tags.filter((t) => /\son[a-z]+=/i.test(t))).toEqual([]);
    expect(count(html, /<style>/g)).toBe(1);
  });
});
