import { makeNationalId, someNationalId, validateNationalId } from '../national-id';

const TODAY = '2026-11-22';

describe('validateNationalId', () => {
  it('accepts a valid fødselsnummer and derives the birth date from the century rule', () => {
    const id = makeNationalId('1990-06-15', 123)!;
    expect(validateNationalId(id, TODAY)).toEqual({ valid: true, type: 'FNR', birthDate: '1990-06-15' });
    const child = makeNationalId('2012-02-29', 512)!;
    expect(validateNationalId(child, TODAY).birthDate).toBe('2012-02-29');
  });

  it('accepts a D-number (day + 40)', () => {
    const id = makeNationalId('1985-03-07', 234, true)!;
    expect(validateNationalId(id, TODAY)).toMatchObject({ valid: true, type: 'DNR', birthDate: '1985-03-07' });
  });

  it('refuses a wrong check digit, a wrong length, an impossible date and a future date', () => {
    const id = makeNationalId('1990-06-15', 123)!;
    const wrong = id.slice(0, 10) + ((Number(id[10]) + 1) % 10);
    expect(validateNationalId(wrong, TODAY).reason).toMatch(/check digit/);
    expect(validateNationalId('1234567890', TODAY).reason).toMatch(/11 digits/);
    expect(validateNationalId('31029012345', TODAY).valid).toBe(false);
    const future = makeNationalId('2030-01-10', 600)!;
    expect(validateNationalId(future, TODAY).reason).toMatch(/future/);
  });

  it('accepts first-check-digit remainders 1–3 only from 1 January 2032', () => {
    // Find a number whose first weighted sum leaves remainder 2 and whose second check digit still holds.
    const base = '150690123';
    let candidate: string | undefined;
    for (let k1 = 0; k1 <= 9 && !candidate; k1++) {
      const digits = [...(base + k1)].map(Number);
      const s1 = [3, 7, 6, 1, 8, 9, 4, 5, 2, 1].reduce((s, w, i) => s + w * digits[i], 0) % 11;
      if (s1 !== 2) continue;
      const k2 = (11 - ([5, 4, 3, 2, 7, 6, 5, 4, 3, 2].reduce((s, w, i) => s + w * digits[i], 0) % 11)) % 11;
      if (k2 < 10) candidate = base + k1 + k2;
    }
    expect(candidate).toBeDefined();
    expect(validateNationalId(candidate!, TODAY).valid).toBe(false);
    expect(validateNationalId(candidate!, '2032-01-01').valid).toBe(true);
  });

  it('accepts births in 1854–1899 (individual numbers 500–749, year 54–99)', () => {
    expect(validateNationalId(someNationalId('1854-03-01', 600, false), TODAY)).toMatchObject({ valid: true, birthDate: '1854-03-01' });
    expect(validateNationalId(someNationalId('1899-12-31', 700, false), TODAY).birthDate).toBe('1899-12-31');
  });

  it("takes Skatteetaten's synthetic test numbers (Tenor, month + 80) only where test data is allowed", () => {
    const synthetic = someNationalId('1990-06-15');
    expect(synthetic.slice(2, 4)).toBe('86');
    expect(validateNationalId(synthetic, TODAY)).toEqual({ valid: false, reason: 'synthetic test numbers are not accepted here' });
    expect(validateNationalId(synthetic, TODAY, { allowSynthetic: true })).toEqual({ valid: true, type: 'FNR', birthDate: '1990-06-15', synthetic: true });
    expect(validateNationalId(makeNationalId('1985-03-07', 234, true, true)!, TODAY, { allowSynthetic: true })).toMatchObject({ type: 'DNR', synthetic: true });
  });
});
