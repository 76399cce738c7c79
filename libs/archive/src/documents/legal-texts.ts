// The standing legal texts of the letters, in one place for legal review. The appeal route follows the machine's rules
// (pbrl §§ 7-2, 7-5: four weeks, via the coordinating unit to Statsforvalteren; see ip-case.legal-basis.ts and the
// APPEAL_WINDOW deadline); the rules for reasons and access to documents are forvaltningsloven's.
import type { Block } from './document-model';
import { date } from './labels';

/** Why the decision says what it says: the rules and facts it rests on (fvl §§ 24, 25). */
export const REASONS_INTRO =
  'Vedtaket er begrunnet etter forvaltningsloven §§ 24 og 25. Under hver tjeneste står reglene vedtaket bygger på, ' +
  'de faktiske forholdene som er lagt til grunn og de hovedhensynene som har vært avgjørende.';

/** The appeal information of a decision letter (fvl § 27 tredje ledd; pbrl §§ 7-2, 7-5; fvl §§ 18, 28, 29, 32). */
export function appealInformation(receivedOn: unknown): Block[] {
  const received = date(receivedOn);
  return [
    { type: 'heading', text: 'Du har rett til å klage' },
    {
      type: 'paragraph',
      text:
        'Du kan klage på vedtaket (pasient- og brukerrettighetsloven § 7-2, jf. forvaltningsloven § 28). Klageinstans er ' +
        'Statsforvalteren. Klagen sendes til koordinerende enhet, som vurderer saken på nytt. Blir vedtaket ikke endret, ' +
        'sender koordinerende enhet klagen videre til Statsforvalteren, og du får kopi av oversendelsen.',
    },
    {
      type: 'paragraph',
      text:
        'Klagefristen er fire uker fra du mottok dette brevet (pasient- og brukerrettighetsloven § 7-5, jf. forvaltningsloven § 29)' +
        (received === 'ikke oppgitt' ? '.' : `. Du regnes for å ha mottatt brevet ${received}.`) +
        ' En klage som kommer for sent, kan likevel bli behandlet dersom det er rimelig grunn til forsinkelsen ' +
        '(pasient- og brukerrettighetsloven § 7-7, jf. forvaltningsloven § 31).',
    },
    {
      type: 'paragraph',
      text:
        'Klagen bør være skriftlig og undertegnet av deg eller fullmektigen din. Skriv hvilket vedtak du klager på, hva du ' +
        'ønsker endret og begrunnelsen for klagen (forvaltningsloven § 32). Koordinerende enhet hjelper deg gjerne med å ' +
        'skrive klagen, og pasient- og brukerombudet kan også hjelpe deg.',
    },
    {
      type: 'paragraph',
      text:
        'Du har rett til å se dokumentene i saken, med de unntakene som følger av forvaltningsloven §§ 18 og 19. ' +
        'Ta kontakt med koordinerende enhet om du ønsker det.',
    },
  ];
}

/** What the coordinator does (hol § 7-2 and § 7-2 a, pbrl §§ 2-5 b and 2-5 c). */
export function coordinatorDuties(child: boolean): Block[] {
  const duties = child
    ? [
        'sørge for samordning av tjenestetilbudet til barnet og familien',
        'sikre at familien får informasjon og veiledning om rettigheter og aktuelle tjenester',
        'sørge for nødvendig oppfølging av familien',
        'sikre fremdrift i arbeidet med individuell plan dersom barnet har eller ønsker det',
      ]
    : [
        'sørge for nødvendig oppfølging av deg',
        'sikre samordning av tjenestetilbudet',
        'sikre fremdrift i arbeidet med individuell plan',
        'være din faste kontaktperson overfor tjenestene',
      ];
  return [
    { type: 'heading', text: child ? 'Barnekoordinatorens oppgaver' : 'Koordinatorens oppgaver' },
    {
      type: 'paragraph',
      text: child
        ? 'Barnekoordinatoren er oppnevnt etter helse- og omsorgstjenesteloven § 7-2 a, jf. pasient- og brukerrettighetsloven § 2-5 c. Barnekoordinatoren skal:'
        : 'Koordinatoren er oppnevnt etter helse- og omsorgstjenesteloven § 7-2, jf. pasient- og brukerrettighetsloven § 2-5 b. Koordinatoren skal:',
    },
    { type: 'bullets', items: duties },
    {
      type: 'paragraph',
      text:
        'Koordinatoren kan ikke fatte vedtak om tjenester; hver tjeneste har sitt eget vedtak. Ønsker du en annen koordinator, ' +
        'kan du ta kontakt med koordinerende enhet.',
    },
  ];
}

/** Under the heading of every screened document: the grounds it is exempt from public access on. */
export const SCREENING_NOTE = 'Unntatt fra offentlighet, jf. offentleglova § 13, jf. forvaltningsloven § 13 første ledd nr. 1';
