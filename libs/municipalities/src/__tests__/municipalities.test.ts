import { validateSync } from 'class-validator';
import register from '../../data/kommuneinndeling-2026.json';
import { IsKnownMunicipality, isKnownMunicipality, MUNICIPALITIES, MUNICIPALITY_REGISTER, municipalityName, municipalityProblem } from '..';

describe('the municipality register (SSB classification 131)', () => {
  it('is the version valid from 2026-01-01, with its source, and holds 357 municipalities, each once', () => {
    expect(MUNICIPALITY_REGISTER).toMatchObject({ classificationId: 131, version: 'Kommuneinndeling 2026', validFrom: '2026-01-01' });
    expect(MUNICIPALITY_REGISTER.source).toMatch(/^https:\/\/data\.ssb\.no\/api\/klass\/v1\/classifications\/131\//);
    expect(register.retrievedFrom.length).toBeGreaterThan(0);
    expect(MUNICIPALITIES).toHaveLength(357);
    expect(register.count).toBe(357);
    expect(new Set(MUNICIPALITIES.map((m) => m.number)).size).toBe(357);
    expect(MUNICIPALITIES.every((m) => /^\d{4}$/.test(m.number) && m.name.length > 0)).toBe(true);
  });

  it('knows the big cities and the 2024 split of Ålesund and Haram', () => {
    expect(municipalityName('0301')).toBe('Oslo - Oslove');
    expect(municipalityName('4601')).toBe('Bergen');
    expect(municipalityName('5001')).toBe('Trondheim - Tråante');
    expect(municipalityName('1103')).toBe('Stavanger');
    expect(municipalityName('5501')).toBe('Tromsø');
    expect(municipalityName('3201')).toBe('Bærum');
    expect(municipalityName('1508')).toBe('Ålesund');
    expect(municipalityName('1580')).toBe('Haram');
    // Names outside Latin-1 are whole (the CSV export lost them).
    expect(municipalityName('5610')).toBe('Kárášjohka - Karasjok');
  });

  it('has one county per municipality prefix of the 2024 county reform (15 county numbers)', () => {
    const counties = new Set(MUNICIPALITIES.map((m) => m.number.slice(0, 2)));
    expect([...counties].sort()).toEqual(['03', '11', '15', '18', '31', '32', '33', '34', '39', '40', '42', '46', '50', '55', '56']);
  });

  it('does not know numbers that are gone, never were, or mean "unknown"', () => {
    for (const gone of ['1507', '0219', '3001', '5401', '1201', '4603', '9999', '0000', '301', '04601', 4601, null, undefined]) {
      expect({ gone, known: isKnownMunicipality(gone) }).toEqual({ gone, known: false });
    }
    expect(municipalityName('4603')).toBeUndefined();
  });

  it('says which field is wrong and why', () => {
    expect(municipalityProblem('municipality', '4601')).toBeUndefined();
    expect(municipalityProblem('municipality', '4603')).toBe(
      "municipality 4603 is not a municipality number in SSB's register (Standard for kommuneinndeling, Kommuneinndeling 2026) valid from 2026-01-01",
    );
    expect(municipalityProblem('nr', 'abcd')).toBe('nr must be a 4-digit kommunenummer');
  });
});

describe('@IsKnownMunicipality()', () => {
  class Moved {
    @IsKnownMunicipality() newMunicipality: unknown;
  }
  class Several {
    @IsKnownMunicipality({ each: true }) municipalities: unknown[];
  }
  const errors = (o: object) => validateSync(o).flatMap((e) => Object.values(e.constraints ?? {}).map((reason) => ({ field: e.property, reason })));

  it('accepts a known number and refuses an unknown one with one reason naming the field and the register date', () => {
    expect(errors(Object.assign(new Moved(), { newMunicipality: '1580' }))).toEqual([]);
    expect(errors(Object.assign(new Moved(), { newMunicipality: '1507' }))).toEqual([
      { field: 'newMunicipality', reason: expect.stringMatching(/^newMunicipality 1507 is not a municipality number in SSB's register .* valid from 2026-01-01$/) },
    ]);
    expect(errors(Object.assign(new Moved(), { newMunicipality: 1580 }))).toEqual([{ field: 'newMunicipality', reason: 'newMunicipality must be a 4-digit kommunenummer' }]);
  });

  it('checks every item of a list and names the unknown ones', () => {
    expect(errors(Object.assign(new Several(), { municipalities: ['4601', '0301'] }))).toEqual([]);
    const [e] = errors(Object.assign(new Several(), { municipalities: ['4601', '4603', '9999'] }));
    expect(e.reason).toMatch(/municipalities 4603 is not .*; municipalities 9999 is not/);
  });
});
