import { monthsDue } from '../internal-control/compute-report';
import { INDICATORS, meets, targetProblems } from '../internal-control/indicators';
import { INDICATOR_IDS } from '../internal-control/report.types';

describe('the internal-control indicators', () => {
  it('defines every indicator K1–K19, each default target acceptable as a municipality target', () => {
    expect(Object.keys(INDICATORS)).toEqual(INDICATOR_IDS);
    for (const id of INDICATOR_IDS) expect({ id, problems: targetProblems(id, INDICATORS[id].defaultTarget) }).toEqual({ id, problems: [] });
  });

  it("refuses a target against the indicator's direction, a share outside 0..1 and a fractional count", () => {
    expect(targetProblems('K1', { comparison: '<=', value: 1 }).map((p) => p.field)).toEqual(['comparison']);
    expect(targetProblems('K4', { comparison: '>=', value: 95 }).map((p) => p.field)).toEqual(['value']);
    expect(targetProblems('K2', { comparison: '<=', value: 27.5 }).map((p) => p.field)).toEqual(['value']);
    expect(targetProblems('K3', { comparison: '<=', value: 2 })).toEqual([]);
    expect(targetProblems('K3', { comparison: '>=', value: 2 }).map((p) => p.field)).toEqual(['comparison']);
  });

  it('meets a target by its comparison; no value meets nothing', () => {
    expect([meets(0.95, { comparison: '>=', value: 0.95 }), meets(29, { comparison: '<=', value: 28 }), meets(0, { comparison: '=', value: 0 }), meets(null, { comparison: '=', value: 0 })]).toEqual([
      true, false, true, null,
    ]);
  });

  it('counts for K18 the months of the period that have ended by the report', () => {
    expect(monthsDue('2027-02-01', '2027-06-30', '2027-07-05')).toEqual(['2027-02', '2027-03', '2027-04', '2027-05', '2027-06']);
    expect(monthsDue('2027-02-15', '2027-06-30', '2027-06-30')).toEqual(['2027-02', '2027-03', '2027-04', '2027-05']);
    expect(monthsDue('2027-06-01', '2027-06-30', '2027-06-15')).toEqual([]);
  });
});
