// The internal-control report as one printable HTML page for the municipality's management review (ledelsens
// gjennomgang, FOR-2016-10-28-1250 § 8): every indicator with its value, target and a 12-month trend chart, then the
// definitions and the cases behind each figure. Self-contained (inline CSS and SVG, no script, no external asset),
// A4 landscape in print. Every text from the report is escaped; the charts carry only numbers and month labels.
import { municipalityName } from '../../../municipalities/src';
import { formatTarget } from './render-csv';
import type { IndicatorResult, IndicatorTarget, IndicatorUnit, InternalControlReport } from './report.types';
import type { ReportTrend } from './report-trend';
import { renderTrendChart } from './trend-chart';

/** What a stored report adds: its id and the digest the audit trail holds for it. */
export interface StoredReportMark {
  reportId: string;
  sha256: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (value: unknown) => String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);

const COMPARISON = { '>=': '≥', '<=': '≤', '=': '=' } as const;

const number = (v: number, digits = 1) => (Number.isInteger(v) ? String(v) : v.toFixed(digits));

export function formatValue(unit: IndicatorUnit, v: number): string {
  switch (unit) {
    case 'SHARE':
      return `${number(v * 100)} %`;
    case 'DAYS':
      return `${number(v)} ${v === 1 ? 'day' : 'days'}`;
    case 'MONTHS':
      return `${number(v)} ${v === 1 ? 'month' : 'months'}`;
    case 'COUNT':
      return number(v);
  }
}

const target = (unit: IndicatorUnit, t: IndicatorTarget) => `${COMPARISON[t.comparison]} ${formatValue(unit, t.value)}`;

const osloTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', dateStyle: 'medium', timeStyle: 'short' });

function valueCell(i: IndicatorResult): string {
  if (i.value === null) return `<td class="value none">–<div class="why">${escapeHtml(i.reason ?? 'no value')}</div></td>`;
  const fraction = i.numerator !== undefined && i.denominator !== undefined ? `<div class="fraction">${escapeHtml(`${i.numerator} of ${i.denominator}`)}</div>` : '';
  return `<td class="value">${escapeHtml(formatValue(i.unit, i.value))}${fraction}</td>`;
}

const metCell = (met: boolean | null) =>
  met === null ? '<td class="met none" title="no value">–</td>' : met ? '<td class="met yes">met</td>' : '<td class="met no">not met</td>';

function indicatorRow(i: IndicatorResult, trend: ReportTrend): string {
  const points = trend[i.id] ?? [];
  const span = points.length ? `${points[0].month} – ${points[points.length - 1].month}` : '';
  return `<tr class="indicator" data-indicator="${escapeHtml(i.id)}">
  <th scope="row">${escapeHtml(i.id)}</th>
  <td class="name">${escapeHtml(i.name)}<div class="duty">${escapeHtml(i.duty)}</div></td>
  ${valueCell(i)}
  <td class="target">${escapeHtml(target(i.unit, i.target))}</td>
  ${metCell(i.met)}
  <td class="trend"><figure class="trend-chart" aria-label="${escapeHtml(`${i.id} by month, ${span}`)}">${renderTrendChart(points, i.unit, i.target)}</figure></td>
  <td class="cases">${i.casesFailing.length} of ${i.cases.length}</td>
</tr>`;
}

function definition(i: IndicatorResult): string {
  const details = i.details && Object.keys(i.details).length
    ? `<dd class="details">${Object.entries(i.details).map(([k, v]) => `${escapeHtml(k)}: ${escapeHtml(v ?? '–')}`).join('; ')}</dd>`
    : '';
  const reason = i.reason ? `<dd class="reason">${escapeHtml(i.reason)}</dd>` : '';
  return `<dt>${escapeHtml(i.id)} ${escapeHtml(i.name)}</dt><dd>${escapeHtml(i.definition)} <span class="basis">(${escapeHtml(i.duty)}; target ${escapeHtml(formatTarget(i.target))})</span></dd>${details}${reason}`;
}

function failingCases(report: InternalControlReport): string {
  const failing = report.indicators.filter((i) => i.casesFailing.length);
  if (!failing.length) return '<p>No case fails an indicator in this period.</p>';
  return `<dl class="failing">${failing
    .map((i) => `<dt>${escapeHtml(i.id)} ${escapeHtml(i.name)}</dt><dd><ul>${i.casesFailing.map((c) => `<li><code>${escapeHtml(c)}</code></li>`).join('')}</ul></dd>`)
    .join('')}</dl>`;
}

const STYLE = `
  @page { size: A4 landscape; margin: 12mm; }
  * { box-sizing: border-box; }
  body { font: 10pt/1.35 "DejaVu Sans", Arial, sans-serif; color: #1a1a1a; margin: 16px; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h1 { font-size: 16pt; margin: 0 0 4px; }
  h2 { font-size: 12pt; margin: 18px 0 6px; }
  header p { margin: 2px 0; }
  .summary span { display: inline-block; margin-right: 16px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border-bottom: 1px solid #d0d0d0; padding: 3px 6px; text-align: left; vertical-align: middle; }
  thead th { background: #eef2f6; font-size: 9pt; }
  tr.indicator { break-inside: avoid; page-break-inside: avoid; }
  .duty, .fraction, .why { font-size: 8pt; color: #555; }
  .value { white-space: nowrap; width: 9em; } .target { white-space: nowrap; width: 7em; } .met { width: 5.5em; white-space: nowrap; } td.cases { white-space: nowrap; } td.name { width: 34%; }
  .met.yes { color: #1e6b30; } .met.no { color: #b03a2e; font-weight: bold; } .none { color: #777; }
  figure.trend-chart { margin: 0; width: 240px; height: 72px; }
  figure.trend-chart svg { display: block; }
  dl { margin: 0; } dt { font-weight: bold; margin-top: 6px; } dd { margin: 0 0 0 16px; }
  .basis, .details, .reason { color: #555; }
  ul { margin: 0; padding-left: 18px; columns: 3; } code { font-size: 8.5pt; }
  footer { margin-top: 16px; font-size: 8pt; color: #555; }
  @media print {
    body { margin: 0; }
    section { break-before: page; }
    a { color: inherit; text-decoration: none; }
  }
`;

export function renderReportHtml(report: InternalControlReport, trend: ReportTrend, stored?: StoredReportMark): string {
  const name = municipalityName(report.municipality);
  const place = `${report.municipality}${name ? ` ${name}` : ''}`;
  const counts = {
    met: report.indicators.filter((i) => i.met === true).length,
    notMet: report.indicators.filter((i) => i.met === false).length,
    none: report.indicators.filter((i) => i.met === null).length,
  };
  const mark = stored
    ? `Stored report <code>${escapeHtml(stored.reportId)}</code>, SHA-256 of its content (RFC 8785 JSON, as in the audit trail) <code>${escapeHtml(stored.sha256)}</code>.`
    : 'Computed on request; not a stored monthly report.';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`Internal control ${place}, ${report.from} – ${report.to}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
  <h1>Internal control report (internkontroll): individual plan and coordinator</h1>
  <p class="municipality">Municipality ${escapeHtml(place)}</p>
  <p class="period">Period ${escapeHtml(report.from)} – ${escapeHtml(report.to)}; figures as of ${escapeHtml(osloTime.format(new Date(report.generatedAt)))} (Europe/Oslo)</p>
  <p class="summary"><span>${counts.met} met</span><span>${counts.notMet} not met</span><span>${counts.none} without a value</span></p>
</header>
<main>
<table class="indicators">
<thead><tr><th scope="col">#</th><th scope="col">Indicator</th><th scope="col">Value</th><th scope="col">Target</th><th scope="col">Met</th><th scope="col">Last 12 months</th><th scope="col">Cases failing</th></tr></thead>
<tbody>
${report.indicators.map((i) => indicatorRow(i, trend)).join('\n')}
</tbody>
</table>
<section class="definitions"><h2>Definitions</h2><dl>${report.indicators.map(definition).join('')}</dl></section>
<section class="cases"><h2>Cases failing an indicator</h2>${failingCases(report)}</section>
</main>
<footer>${mark} Trend: stored monthly reports where there are, computed otherwise; the dashed line is the target.</footer>
</body>
</html>
`;
}
