import { renderDocument } from '../documents';
import type { DocumentKind } from '../journal-records';
import { DOCUMENT_KINDS, sampleInput } from './document-samples';
import { flat, pdfText } from './pdf-text';

const textOf = async (kind: DocumentKind, overrides = {}) => flat(pdfText(await renderDocument(sampleInput(kind, overrides))));

describe('renderDocument', () => {
  it('gives the same bytes for the same input, and other bytes for another date', async () => {
    const a = await renderDocument(sampleInput('DECISION_LETTER'));
    const b = await renderDocument(sampleInput('DECISION_LETTER'));
    expect(a.equals(b)).toBe(true);
    const later = await renderDocument(sampleInput('DECISION_LETTER', { issuedAt: '2026-03-11T09:30:00.000Z' }));
    expect(later.equals(a)).toBe(false);
  });

  it('declares PDF 1.7, PDF/A-2b, the language and the dates of the input', async () => {
    const pdf = (await renderDocument(sampleInput('PLAN_VERSION'))).toString('latin1');
    expect(pdf.startsWith('%PDF-1.7')).toBe(true);
    expect(pdf).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(pdf).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(pdf).toContain('/Lang (nb-NO)');
    expect(pdf).toContain('<xmp:CreateDate>2026-03-10T09:30:00Z</xmp:CreateDate>');
    expect(pdf).toContain('<xmp:ModifyDate>2026-03-10T09:30:00Z</xmp:ModifyDate>');
    expect(pdf).toContain('(D:20260310093000Z)');
    expect(pdf).toContain('/StructTreeRoot');
    // Embedded fonts only (PDF/A): no standard 14 font is referenced.
    expect(pdf).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
    expect(pdf).toMatch(/\/FontFile2 \d+ 0 R/);
  });

  it('writes every kind with the letterhead: municipality, unit, case reference, date and the person', async () => {
    for (const kind of DOCUMENT_KINDS) {
      const text = await textOf(kind);
      expect(text).toContain('Nordre Follo kommune');
      expect(text).toContain('Koordinerende enhet');
      expect(text).toContain('IP-2026-000123');
      expect(text).toContain('10.03.2026');
      expect(text).toContain('Emma Nordmann, fødselsnr. 150514 12345');
      expect(text).toContain(sampleInput(kind).title);
    }
  });

  it('writes the decision, its reasons and the appeal information into a decision letter', async () => {
    const text = await textOf('DECISION_LETTER');
    expect(text).toContain('Individuell plan: innvilget');
    expect(text).toContain('Barnekoordinator: avslått');
    expect(text).toContain('vilkåret om alvorlig sykdom er ikke oppfylt');
    expect(text).toContain('pasient- og brukerrettighetsloven § 2-5 c');
    expect(text).toContain('forvaltningsloven §§ 24 og 25');
    expect(text).toContain('Du har rett til å klage');
    expect(text).toContain('Klagefristen er fire uker fra du mottok dette brevet');
    expect(text).toContain('Du regnes for å ha mottatt brevet 20.01.2026');
    expect(text).toContain('Klagen sendes til koordinerende enhet');
    expect(text).toContain('Statsforvalteren');
    expect(text).toContain('forvaltningsloven §§ 18 og 19');
    expect(text).toContain('Med hilsen Eva Saksbehandler');
  });

  it('gives no appeal section when everything asked for was granted', async () => {
    const granted = sampleInput('DECISION_LETTER');
    granted.event = { type: 'RECORD_DECISION', payload: { decisions: [{ line: 'IP', outcome: 'GRANTED', legalBasis: 'pbrl § 2-5' }] } };
    const text = flat(pdfText(await renderDocument(granted)));
    expect(text).not.toContain('Klagefristen');
    expect(text).toContain('Vedtaket gir deg det du har bedt om');
    expect(text).toContain('Begrunnelse ikke oppgitt');
  });

  it('writes each consent scope, its form and who gave it in what capacity', async () => {
    const text = await textOf('CONSENT_DECLARATION');
    expect(text).toContain('At det utarbeides individuell plan');
    expect(text).toContain('At taushetsbelagte opplysninger kan deles med Nordby skole');
    expect(text).toContain('Fysioterapitjenesten');
    expect(text).toContain('skriftlig, signert');
    expect(text).toContain('Ola Nordmann (far), som forelder med foreldreansvar');
    expect(text).toContain('felles foreldreansvar');
  });

  it('writes the plan: goals in the person\'s words, measures with who is responsible, participants', async () => {
    const text = await textOf('PLAN_VERSION');
    expect(text).toContain('Jeg vil klare en hel skoledag uten å bli så sliten.');
    expect(text).toContain('Tilrettelagt timeplan med hvilepauser');
    expect(text).toContain('Tjenesten for funksjonshemmede');
    expect(text).toContain('1 time per uke');
    expect(text).toContain('Kontaktlærer');
    expect(text).toContain('Neste revisjon 01.03.2027');
    expect(text).toContain('Eva Koordinator');
  });

  it('writes the coordinator and the duties into the appointment letter, and the reason into the closure letter', async () => {
    const appointment = await textOf('APPOINTMENT_LETTER');
    expect(appointment).toContain('helse- og omsorgstjenesteloven § 7-2');
    expect(appointment).toContain('sikre samordning av tjenestetilbudet');
    expect(appointment).toContain('Koordinator Eva Koordinator');
    expect(await textOf('CLOSURE_LETTER')).toContain('Grunn Behovet for individuell plan eller koordinator er ikke lenger til stede');
  });

  it('keeps what the child said out of the note (it stays in the case history)', async () => {
    expect(await textOf('CHILD_HEARD_NOTE')).not.toContain('not in the document');
  });

  it('writes every kind from an empty payload and context, saying "ikke oppgitt"', async () => {
    for (const kind of DOCUMENT_KINDS) {
      const text = await textOf(kind, { event: { type: 'X', payload: {} }, context: {}, names: undefined, subject: null });
      expect(text).toMatch(/ikke oppgitt|Ingen \S+ er registrert/);
      expect(text).toContain('person ikke identifisert');
    }
  });

  it('refuses an unknown kind and an issuedAt that is no instant', async () => {
    await expect(renderDocument(sampleInput('NOTIFICATION', { kind: 'NOPE' as DocumentKind }))).rejects.toThrow(/No document/);
    await expect(renderDocument(sampleInput('NOTIFICATION', { issuedAt: 'tomorrow' }))).rejects.toThrow(/issuedAt/);
  });
});
