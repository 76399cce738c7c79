// The stored monthly internal-control reports over HTTP (issue 10): listed newest first for internal control and the KE
// leader, one of them as JSON, CSV or HTML by Accept (406 otherwise), every read in the access log with the cases the
// report names; the table keeps them immutable, each with its digest in the audit trail; and the HTML page, served by the real API, renders in Debian's
// headless Chromium with a row and a visible SVG trend chart per indicator.
import { parse } from 'csv-parse/sync';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { payloadDigest, readChain, verifyChain } from '../../libs/audit/src';
import { computeReport } from '../../libs/audit/src/internal-control/compute-report';
import { loadReportTrend } from '../../libs/audit/src/internal-control/load-trend';
import { storeReport } from '../../libs/audit/src/internal-control/report-store';
import { monthPeriod } from '../../libs/audit/src/internal-control/report-trend';
import type { InternalControlReport } from '../../libs/audit/src/internal-control/report.types';
import { sampleReport } from '../../libs/audit/src/internal-control/__tests__/report.fixtures';
import type { Principal } from '../../libs/auth/src';
import { HeadlessChromium, openChromium } from '../../scripts/headless-chromium';
import { Api, openApi } from '../support/api';
import { Harness, openHarness } from '../support/harness';
import { asOwner, queryAs } from '../support/owner';

const M = '5001';
const ida: Principal = { sub: 'ida.5001', name: 'Ida Revisor', role: 'AUDITOR', municipalities: [M] };
const lars: Principal = { sub: 'lars.5001', name: 'Lars Leder', role: 'KE_LEADER', municipalities: [M] };
const kari: Principal = { sub: 'kari.5001', name: 'Kari Saksbehandler', role: 'KE_CASEWORKER', municipalities: [M] };
const oslo: Principal = { sub: 'per.0301.5001', name: 'Per Leder', role: 'KE_LEADER', municipalities: ['0301'] };
const MONTHS = ['2026-11', '2026-12', '2027-01'];

let h: Harness;
let api: Api;
const tokens: Record<string, string> = {};
const stored: Record<string, { reportId: string; report: InternalControlReport; sha256: string }> = {};

beforeAll(async () => {
  h = await openHarness();
  api = await openApi(h.taskQueue);
  for (const p of [ida, lars, kari, oslo]) tokens[p.sub] = await api.token(p);
  for (const [k, month] of MONTHS.entries()) {
    const report = sampleReport(month, M, k);
    const { stored: s, created } = await storeReport(h.db, randomUUID(), report, `test/${month}`);
    expect(created).toBe(true);
    stored[month] = { reportId: s.reportId, report, sha256: s.sha256 };
  }
});
afterAll(async () => {
  await api?.close();
  await h?.close();
});

const as = (p: Principal) => ({ Authorization: `Bearer ${tokens[p.sub]}` });
const january = () => stored['2027-01'];
const logged = (requestId: string) =>
  asOwner(`SELECT actor_sub AS "actorSub", action, resource, outcome, filters, case_ids AS "caseIds" FROM access_log WHERE request_id = $1`, [requestId]);

describe('GET /internal-control/reports', () => {
  it('lists the municipality’s stored reports newest month first, in cursor pages, for internal control and the KE leader', async () => {
    const first = await api.http.get(`/internal-control/reports?municipality=${M}&limit=2`).set(as(ida)).expect(200);
    expect(first.body.items.map((r: { from: string }) => r.from)).toEqual(['2027-01-01', '2026-12-01']);
    expect(first.body.items[0]).toEqual({
      reportId: january().reportId, municipality: M, from: '2027-01-01', to: '2027-01-31', generatedAt: january().report.generatedAt,
      sha256: january().sha256, createdByRun: 'test/2027-01',
    });
    const second = await api.http.get(`/internal-control/reports?municipality=${M}&limit=2&cursor=${first.body.nextCursor}`).set(as(lars)).expect(200);
    expect(second.body).toEqual({ items: [expect.objectContaining({ from: '2026-11-01' })], nextCursor: null });
    const [entry] = await logged(first.headers['x-request-id']);
    expect(entry).toMatchObject({ actorSub: ida.sub, action: 'LIST', resource: 'internal-control/reports', outcome: 200, filters: { municipality: M, limit: 2 } });
  });

  it('is refused to a caseworker, and for a municipality not in the token', async () => {
    await api.http.get(`/internal-control/reports?municipality=${M}`).set(as(kari)).expect(403);
    await api.http.get(`/internal-control/reports?municipality=${M}`).set(as(oslo)).expect(403);
    await api.http.get(`/internal-control/reports?municipality=9999`).set(as(ida)).expect(422);
  });
});

describe('GET /internal-control/reports/:id', () => {
  it('answers JSON by default: the report as stored, whose canonical digest is the one recorded', async () => {
    const res = await api.http.get(`/internal-control/reports/${january().reportId}`).set(as(ida)).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers.vary).toMatch(/Accept/);
    expect(res.body).toMatchObject({ reportId: january().reportId, sha256: january().sha256, from: '2027-01-01' });
    expect(res.body.report).toEqual(january().report);
    expect(payloadDigest(res.body.report)).toBe(res.body.sha256);
  });

  it('answers CSV for Accept: text/csv, one row per indicator and per case behind it', async () => {
    const res = await api.http.get(`/internal-control/reports/${january().reportId}`).set(as(lars)).set('Accept', 'text/csv').expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="internal-control-${M}-2027-01-01-2027-01-31.csv"`);
    const rows: Record<string, string>[] = parse(res.text, { columns: true });
    const report = january().report;
    expect(rows.filter((r) => !r.caseId).map((r) => r.indicator)).toEqual(report.indicators.map((i) => i.id));
    expect(rows.filter((r) => r.caseId)).toHaveLength(report.indicators.reduce((n, i) => n + i.cases.length, 0));
    const [entry] = await logged(res.headers['x-request-id']);
    expect(entry).toMatchObject({ action: 'EXPORT', filters: { as: 'text/csv' } }); // a file taken away: an export
  });

  it('answers the printable page for Accept: text/html, self-contained, and logs the read with the cases it names', async () => {
    const res = await api.http.get(`/internal-control/reports/${january().reportId}`).set(as(ida)).set('Accept', 'text/html').expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect((res.text.match(/<tr class="indicator"/g) ?? []).length).toBe(19);
    expect((res.text.match(/<svg[\s>]/g) ?? []).length).toBe(19);
    expect(res.text).toContain(january().sha256);
    const [entry] = await logged(res.headers['x-request-id']);
    expect(entry).toMatchObject({ actorSub: ida.sub, action: 'PRINT', resource: `internal-control/reports/${january().reportId}`, outcome: 200, filters: { as: 'text/html' } }); // the printable page: a print
    expect([...entry.caseIds].sort()).toEqual([...new Set(january().report.indicators.flatMap((i) => i.cases))].sort());
  });

  it('chooses by q-values and wildcards, and answers 406 problem+json when it has nothing the client takes', async () => {
    const url = `/internal-control/reports/${january().reportId}`;
    const html = await api.http.get(url).set(as(ida)).set('Accept', 'text/csv;q=0.5, text/html').expect(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    const any = await api.http.get(url).set(as(ida)).set('Accept', '*/*').expect(200);
    expect(any.headers['content-type']).toMatch(/^application\/json/);
    const refused = await api.http.get(url).set(as(ida)).set('Accept', 'application/pdf').expect(406);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 406, title: 'Not Acceptable', detail: 'This resource is available as application/json, text/csv, text/html.' });
  });

  it('hides another municipality’s report (404) and refuses a caseworker (403)', async () => {
    const url = `/internal-control/reports/${january().reportId}`;
    await api.http.get(url).set(as(oslo)).expect(404);
    await api.http.get(url).set(as(kari)).expect(403);
    await api.http.get(`/internal-control/reports/${randomUUID()}`).set(as(ida)).expect(404);
  });
});

describe('GET /internal-control/report by Accept', () => {
  it('answers the computed report as CSV or as the printable page too, and 406 for anything else', async () => {
    const url = `/internal-control/report?municipality=${M}&from=2027-01-01&to=2027-01-31`;
    const json = await api.http.get(url).set(as(lars)).expect(200);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    const csv = await api.http.get(url).set(as(lars)).set('Accept', 'text/csv').expect(200);
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="internal-control-${M}-2027-01-01-2027-01-31.csv"`);
    const rows: Record<string, string>[] = parse(csv.text, { columns: true });
    expect(rows.filter((r) => !r.caseId).map((r) => r.indicator)).toEqual(json.body.indicators.map((i: { id: string }) => i.id));
    const html = await api.http.get(url).set(as(lars)).set('Accept', 'text/html').expect(200);
    expect((html.text.match(/<svg[\s>]/g) ?? []).length).toBe(19);
    expect(html.text).toContain('Computed on request; not a stored monthly report.');
    const [entry] = await logged(html.headers['x-request-id']);
    expect(entry).toMatchObject({ action: 'PRINT', resource: 'internal-control/report', filters: { municipality: M, from: '2027-01-01', to: '2027-01-31', as: 'text/html' } });
    await api.http.get(url).set(as(lars)).set('Accept', 'application/xml').expect(406);
  });
});

describe('the trend behind the charts', () => {
  it('takes each month from its stored report where there is one, and computes the others', async () => {
    const trend = await loadReportTrend(h.db, january().report);
    const k4 = new Map(trend.K4.map((p) => [p.month, p.value]));
    for (const month of MONTHS) expect(k4.get(month)).toBe(stored[month].report.indicators.find((i) => i.id === 'K4')!.value);
    const computed = await computeReport(h.db, { municipality: M, ...monthPeriod('2026-10'), at: january().report.generatedAt });
    expect(k4.get('2026-10')).toBe(computed.indicators.find((i) => i.id === 'K4')!.value);
    expect(trend.K4).toHaveLength(12);
  });
});

describe('the stored reports table', () => {
  it('stores a month once: a second store (a retried activity) finds the first', async () => {
    const again = await storeReport(h.db, randomUUID(), sampleReport('2027-01', M, 5), 'test/again');
    expect(again).toEqual({ created: false, stored: expect.objectContaining({ reportId: january().reportId, sha256: january().sha256 }) });
  });

  it("records each stored report's digest in the municipality's audit trail, once, in a chain that verifies", async () => {
    const chain = await readChain(h.db, M, 0, 1000);
    expect(verifyChain(chain)).toMatchObject({ valid: true, checked: chain.length });
    expect(chain.filter((e) => e.kind === 'REPORT').map(({ event, payloadDigest: digest, caseId, actor, at }) => ({ event, digest, caseId, role: actor.role, at }))).toEqual(
      MONTHS.map((m) => ({ event: 'INTERNAL_CONTROL_REPORT_STORED', digest: stored[m].sha256, caseId: null, role: 'SYSTEM', at: stored[m].report.generatedAt })),
    );
  });

  it('is immutable: the application role may not change or delete a report, and the trigger refuses the owner too', async () => {
    const app = (sql: string) => queryAs(process.env.TEST_DATABASE_URL!, sql).then(() => 'succeeded', (e) => e.code);
    expect(await app(`UPDATE internal_control_report SET sha256 = sha256`)).toBe('42501');
    expect(await app(`DELETE FROM internal_control_report`)).toBe('42501');
    for (const sql of [`UPDATE internal_control_report SET body = '{}'::jsonb`, `DELETE FROM internal_control_report`, `TRUNCATE internal_control_report`]) {
      await expect(asOwner(sql)).rejects.toThrow(/immutable/);
    }
    const [{ n }] = await asOwner(`SELECT count(*)::int AS n FROM internal_control_report WHERE municipality = $1`, [M]);
    expect(n).toBe(MONTHS.length);
  });
});

describe('the HTML report in a real browser (Debian Chromium, headless)', () => {
  let chromium: HeadlessChromium;
  let base: string;
  beforeAll(async () => {
    const server = await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    chromium = await openChromium({ extraHTTPHeaders: { ...as(ida), Accept: 'text/html' } });
  });
  afterAll(async () => chromium?.close());

  it('renders every indicator’s row with its trend chart visible, needs nothing from elsewhere, and prints', async () => {
    const page = await chromium.context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('requestfailed', (r) => problems.push(`${r.url()}: ${r.failure()?.errorText}`));
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const res = await page.goto(`${base}/internal-control/reports/${january().reportId}`, { waitUntil: 'load' });
    expect(res?.status()).toBe(200);
    await expect(page.title()).resolves.toContain(`Internal control ${M}`);
    const rows = page.locator('tr.indicator');
    expect(await rows.count()).toBe(19);
    const charts = page.locator('tr.indicator figure.trend-chart svg');
    expect(await charts.count()).toBe(19);
    for (let i = 0; i < 19; i++) {
      const chart = charts.nth(i);
      expect(await chart.isVisible()).toBe(true);
      const box = await chart.boundingBox();
      expect(box && box.width > 200 && box.height > 60).toBe(true);
      // Drawn: the axes, the line and the target line are paths.
      expect(await chart.locator('path').count()).toBeGreaterThan(3);
    }
    expect(await rows.nth(3).getAttribute('data-indicator')).toBe('K4');
    expect(problems).toEqual([]);
    expect(requests).toEqual([`${base}/internal-control/reports/${january().reportId}`]);
    const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
