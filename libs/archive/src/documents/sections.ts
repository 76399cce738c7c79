// Each document kind's body: what a caseworker files for the record (domain § 6.3), built from the event's payload and
// the case context. Payloads are read defensively: a field an older history lacks reads "ikke oppgitt".
import type { IpCaseEvent } from '../../../case-machine/src/ip-case.events';
import type {
  AnsvarsgruppeMember, ConsentGrantInput, ConsentRef, CoordinatorRef, LineDecision, PlanDraft, PlanGoal, PlanMeasure, PlanParticipant,
} from '../../../case-machine/src/ip-case.types';
import type { DocumentKind } from '../journal-records';
import type { DocumentInput } from './document-input';
import type { Block, DocumentBody } from './document-model';
import {
  APPEAL_OUTCOME, CHANNEL, CHILD_HEARD_WAY, CLOSURE_REASON, CONSENT_CAPACITY, CONSENT_FORM, CONSENT_SCOPE, COORDINATOR_END_REASON,
  DECISION_OUTCOME, EVALUATION_OUTCOME, LETTER_METHOD, NOT_GIVEN, NOTIFIER_TYPE, RELATION, SERVICE_LINE, SUBJECT_AWARENESS, USER_PARTICIPATION,
  date, label, lines, list, text, yesNo,
} from './labels';
import { REASONS_INTRO, appealInformation, coordinatorDuties } from './legal-texts';

/** The event's payload as far as it goes: every field may be missing. */
type Payload<T extends IpCaseEvent['type']> = Partial<Extract<IpCaseEvent, { type: T }>>;
const payload = <T extends IpCaseEvent['type']>(input: DocumentInput) => (input.event.payload ?? {}) as Payload<T>;

const p = (t: string): Block => ({ type: 'paragraph', text: t });
const h = (t: string): Block => ({ type: 'heading', text: t });
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// ---- shared sections ----

/** One row per service line decided: the outcome, the rules (hjemmel) and the facts (begrunnelse). */
function decisionSections(decisions: LineDecision[], receivedOn: unknown): Block[] {
  if (decisions.length === 0) return [p(`Vedtak: ${NOT_GIVEN}.`)];
  const blocks: Block[] = [
    { type: 'table', columns: ['Tjeneste', 'Vedtak'], rows: decisions.map((d) => [capitalise(label(SERVICE_LINE, d?.line)), label(DECISION_OUTCOME, d?.outcome)]), empty: NOT_GIVEN },
    h('Begrunnelse'),
    p(REASONS_INTRO),
  ];
  for (const d of decisions) {
    blocks.push(
      { type: 'heading', level: 3, text: `${capitalise(label(SERVICE_LINE, d?.line))}: ${label(DECISION_OUTCOME, d?.outcome).toLowerCase()}` },
      { type: 'fields', rows: [['Hjemmel', text(d?.legalBasis)], ['Begrunnelse', text(d?.reasons)]] },
    );
  }
  const appealable = decisions.some((d) => d?.outcome === 'REJECTED' || d?.outcome === 'PARTLY' || d?.outcome === 'DISMISSED');
  if (decisions.some((d) => d?.outcome === 'GRANTED' || d?.outcome === 'PARTLY')) {
    blocks.push(h('Hva skjer videre'),
      p('Koordinerende enhet tar kontakt med deg for å oppnevne koordinator og starte arbeidet. Den individuelle planen gir ' +
        'ikke i seg selv rett til tjenester; hver tjeneste får sitt eget vedtak.'));
  }
  blocks.push(...(appealable ? appealInformation(receivedOn)
    : [h('Klage'), p('Vedtaket gir deg det du har bedt om. Er du uenig i noe i vedtaket, kan du ta kontakt med koordinerende enhet.')]));
  return blocks;
}

/** Each service line's outcome and the rules it rests on. */
const decisionTable = (decisions: unknown): Block => ({
  type: 'table',
  columns: ['Tjeneste', 'Vedtak', 'Hjemmel'],
  rows: list<LineDecision>(decisions).map((d) => [capitalise(label(SERVICE_LINE, d?.line)), label(DECISION_OUTCOME, d?.outcome), text(d?.legalBasis)]),
  empty: NOT_GIVEN,
});

const scopeText = (scope: unknown, party: unknown) => {
  const what = label(CONSENT_SCOPE, scope);
  return typeof party === 'string' && party !== '' ? `${capitalise(what)} ${party}` : capitalise(what);
};
const grantor = (g: ConsentGrantInput) => {
  const who = g?.givenBy?.name ? `${g.givenBy.name}${g.givenBy.relation ? ` (${label(RELATION, g.givenBy.relation)})` : ''}` : NOT_GIVEN;
  return `${who}, som ${label(CONSENT_CAPACITY, g?.capacity)}`;
};
const informed = (g: ConsentGrantInput) => {
  if (g?.informationGiven === true) return 'Ja';
  if (g?.informationGiven && typeof g.informationGiven === 'object') {
    const missing = Object.entries(g.informationGiven).filter(([, v]) => !v).map(([k]) => k);
    return missing.length ? `Delvis (mangler: ${missing.join(', ')})` : 'Ja, alle punkter';
  }
  return g?.informationGiven === false ? 'Nei' : NOT_GIVEN;
};

/** Each consent on its own row: what it covers, the form, who gave it and in what capacity. */
function consentTable(grants: ConsentGrantInput[]): Block {
  return {
    type: 'table',
    columns: ['Samtykke til', 'Form', 'Gitt av', 'Informert'],
    rows: grants.map((g) => [scopeText(g?.scope, g?.party), label(CONSENT_FORM, g?.form), grantor(g), informed(g)]),
    empty: 'Ingen samtykker er registrert.',
  };
}

const refsList = (refs: ConsentRef[]): Block =>
  ({ type: 'bullets', items: refs.length ? refs.map((r) => scopeText(r?.scope, r?.party)) : [NOT_GIVEN] });

function coordinatorRows(input: DocumentInput, ref: CoordinatorRef | null | undefined): [string, string][] {
  const named = input.names?.coordinator;
  return [
    ['Koordinator', text(named?.name ?? (ref?.employeeId ? `ansattnr. ${ref.employeeId}` : undefined))],
    ['Enhet', text(named?.unit ?? ref?.unit)],
    ...(named?.phone ? [['Telefon', named.phone] as [string, string]] : []),
  ];
}

/** The plan's contents (forskrift om individuell plan): goals, measures with who is responsible, participants. */
function planSections(input: DocumentInput, plan: Partial<PlanDraft> & { version?: number; approvedAt?: string }): Block[] {
  const ctx = input.context;
  return [
    {
      type: 'fields',
      rows: [
        ['Versjon', text(plan.version ?? (ctx.planVersions?.length || undefined))],
        ['Godkjent', date(plan.approvedAt ?? input.issuedAt)],
        ['Neste revisjon', date(plan.revisionDate)],
        ['Brukermedvirkning', label(USER_PARTICIPATION, plan.userParticipation)],
        ...coordinatorRows(input, ctx.coordinator),
      ],
    },
    h('Mål'),
    p('Målene er formulert med personens egne ord.'),
    { type: 'table', columns: ['Livsområde', 'Mål'], rows: list<PlanGoal>(plan.goals).map((g) => [text(g?.lifeArea), text(g?.statementInUserWords)]), empty: 'Ingen mål er registrert.' },
    h('Tiltak og ansvar'),
    {
      type: 'table',
      columns: ['Tiltak', 'Ansvarlig', 'Omfang'],
      rows: list<PlanMeasure>(plan.measures).map((m) => [text(m?.description), text(m?.responsibleParty), text(m?.scope)]),
      empty: 'Ingen tiltak er registrert.',
    },
    h('Deltakere i planarbeidet'),
    { type: 'table', columns: ['Part', 'Rolle'], rows: list<PlanParticipant>(plan.participants).map((x) => [text(x?.party), text(x?.role)]), empty: 'Ingen deltakere er registrert.' },
    ...(list<string>(plan.sharedWith).length ? [h('Planen deles med'), { type: 'bullets', items: list<string>(plan.sharedWith) } as Block] : []),
    p('Planen gir ikke i seg selv rett til tjenester; hver tjeneste har sitt eget vedtak. Deltakerne har samtykke til å delta ' +
      'og til å se planen, og samtykket kan trekkes tilbake når som helst.'),
  ];
}

const currentPlan = (input: DocumentInput) => input.context.plan ?? input.context.planDraft ?? {};
const notificationDate = (input: DocumentInput) => date(input.context.receivedAt);

// ---- one builder per kind ----

type Builder = (input: DocumentInput) => DocumentBody;

export const SECTIONS: Record<DocumentKind, Builder> = {
  NOTIFICATION: (input) => {
    const e = payload<'NOTIFICATION_RECEIVED'>(input);
    const n = e.notifier;
    return {
      form: 'note',
      blocks: [
        p('Koordinerende enhet har mottatt melding om behov for individuell plan og/eller koordinator.'),
        {
          type: 'fields',
          rows: [
            ['Mottatt', date(e.receivedAt ?? input.context.receivedAt)],
            ['Kanal', label(CHANNEL, e.channel)],
            ['Melder', n?.name ? `${n.name}${n.relation ? `, ${n.relation}` : ''}${n.organisationNumber ? ` (org.nr. ${n.organisationNumber})` : ''}` : NOT_GIVEN],
            ['Type melder', label(NOTIFIER_TYPE, e.notifierType ?? n?.type)],
            ['Meldt behov for', lines(e.requestedLines)],
            ['Kjent med meldingen', label(SUBJECT_AWARENESS, e.subjectAware)],
            ...(e.expectedChild ? [['Gjelder', 'barn som ventes født'] as [string, string]] : []),
          ],
        },
        h('Beskrivelse av behovet'),
        p(text(e.needsDescription)),
      ],
    };
  },

  PRELIMINARY_REPLY: (input) => {
    const e = payload<'SEND_PRELIMINARY_REPLY'>(input);
    return {
      form: 'letter',
      blocks: [
        p(`Vi viser til melding mottatt ${notificationDate(input)} om behov for ${lines(input.context.requestedLines)}.`),
        p('Vi kan ikke gi deg et endelig svar ennå. Årsaken er:'),
        p(text(e.reason)),
        p(`Vi regner med å kunne gi deg svar innen ${date(e.expectedAnswerBy)}. Blir det forsinket, gir vi deg beskjed ` +
          '(forvaltningsloven § 11 a). Ta gjerne kontakt med oss dersom du har spørsmål.'),
      ],
    };
  },

  DECISION_LETTER: (input) => {
    const e = payload<'RECORD_DECISION'>(input);
    const letter = input.context.decisionLetter;
    return {
      form: 'letter',
      blocks: [
        p(`Vi viser til melding mottatt ${notificationDate(input)} om behov for ${lines(input.context.requestedLines)}. ` +
          'Koordinerende enhet har vurdert saken og fattet følgende vedtak:'),
        ...decisionSections(list<LineDecision>(e.decisions ?? input.context.decisions), letter?.receivedOn),
        p(`Brevet er sendt ${date(e.sentAt ?? letter?.sentAt)} med ${label(LETTER_METHOD, e.letterMethod ?? letter?.method)}.`),
      ],
    };
  },

  RECONSIDERATION: (input) => {
    const e = payload<'APPEAL_RECONSIDERED'>(input);
    const appeal = input.context.appeal;
    if (e.outcome === 'REVERSED') {
      return {
        form: 'letter',
        blocks: [
          p(`Vi viser til klagen din mottatt ${date(appeal?.receivedAt)} på vedtak om ${lines(appeal?.contestedLines)}. ` +
            'Koordinerende enhet har vurdert saken på nytt (pasient- og brukerrettighetsloven § 7-2) og endrer vedtaket:'),
          ...decisionSections(list<LineDecision>(e.decisions ?? input.context.decisions), input.context.decisionLetter?.receivedOn),
        ],
      };
    }
    return {
      form: 'note',
      blocks: [
        p(`Klage mottatt ${date(appeal?.receivedAt)} på vedtak om ${lines(appeal?.contestedLines)} er vurdert på nytt ` +
          '(pasient- og brukerrettighetsloven § 7-2).'),
        { type: 'fields', rows: [['Resultat', e.outcome ? label(APPEAL_OUTCOME, e.outcome) : NOT_GIVEN], ['Klagen er rettidig', yesNo(appeal?.timely)]] },
        p('Koordinerende enhet finner ikke grunn til å endre vedtaket. Klagen sendes til Statsforvalteren for endelig avgjørelse, ' +
          'og klageren får kopi av oversendelsen.'),
      ],
    };
  },

  CONSENT_DECLARATION: (input) => {
    const e = payload<'CONSENT_GIVEN' | 'CONSENT_CHANGED'>(input) as Payload<'CONSENT_GIVEN'> & Payload<'CONSENT_CHANGED'>;
    const withdrawn = list<ConsentRef>(e.withdraw);
    return {
      form: 'note',
      blocks: [
        p(input.event.type === 'CONSENT_CHANGED'
          ? 'Samtykket i saken er endret. Samtykkene nedenfor gjelder fra datoen for denne erklæringen.'
          : 'Det er gitt samtykke til det som står nedenfor. Hvert samtykke gjelder for seg og kan trekkes tilbake hver for seg.'),
        consentTable(list<ConsentGrantInput>(e.grants)),
        ...(withdrawn.length ? [h('Samtykker som ikke lenger gjelder'), refsList(withdrawn)] : []),
        ...(e.parentalResponsibility
          ? [p(e.parentalResponsibility === 'JOINT'
            ? 'Foreldrene har felles foreldreansvar; begge har samtykket (pasient- og brukerrettighetsloven § 4-4).'
            : 'Én forelder har foreldreansvaret alene (pasient- og brukerrettighetsloven § 4-4).')]
          : []),
        p('Samtykket gjelder taushetsbelagte opplysninger (helsepersonelloven § 22, forvaltningsloven § 13 a nr. 1). ' +
          'Det er frivillig og kan trekkes tilbake når som helst, helt eller delvis.'),
      ],
    };
  },

  ORAL_CONSENT_NOTE: (input) => {
    const grants = list<ConsentGrantInput>(payload<'CONSENT_GIVEN'>(input).grants);
    const oral = grants.find((g) => g?.oral)?.oral;
    return {
      form: 'note',
      blocks: [
        p('Samtykket er gitt muntlig og er dokumentert her (pasient- og brukerrettighetsloven § 4-2).'),
        consentTable(grants),
        { type: 'fields', rows: [['Registrert av', text(oral?.recordedBy)], ['Situasjon', text(oral?.context)], ['Journalreferanse (EPJ)', text(oral?.epjReference)]] },
      ],
    };
  },

  CONSENT_WITHDRAWAL: (input) => {
    const e = payload<'CONSENT_WITHDRAWN'>(input);
    return {
      form: 'note',
      blocks: [
        p(`Koordinerende enhet har ${date(input.issuedAt)} mottatt melding om at disse samtykkene trekkes tilbake:`),
        refsList(list<ConsentRef>(e.withdraw)),
        { type: 'fields', rows: [['Informert om følgene', yesNo(e.consequencesExplained)]] },
        p('Tilbaketrekkingen gjelder fra det tidspunktet den ble registrert. Deling av opplysninger som bygget på samtykket, ' +
          'stanser. Opplysninger som allerede er journalført eller arkivert, blir ikke slettet.'),
      ],
    };
  },

  SHARING_ENDED_NOTICE: (input) => {
    const e = payload<'SHARING_END_NOTIFIED'>(input);
    const parties = list<string>(e.parties);
    return {
      form: 'letter',
      to: parties,
      blocks: [
        { type: 'fields', rows: [['Deling stanset med', parties.length ? parties.join(', ') : NOT_GIVEN], ['Fra', date(input.issuedAt)]] },
        p('Samtykket som ga grunnlag for å dele taushetsbelagte opplysninger med dere i arbeidet med individuell plan eller ' +
          'koordinator for personen nevnt ovenfor, er trukket tilbake.'),
        p('Dere skal derfor ikke lenger motta eller gi opplysninger om personen som ledd i dette samarbeidet. Opplysninger dere ' +
          'allerede har mottatt, behandles etter reglene som gjelder for deres egen journal og arkiv.'),
        ...(e.note ? [p(e.note)] : []),
      ],
    };
  },

  DISCLOSURE_NOTE: (input) => {
    const e = payload<'INFORMATION_DISCLOSED'>(input);
    return {
      form: 'note',
      to: e.recipient ? [e.recipient] : undefined,
      blocks: [
        p('Taushetsbelagte opplysninger er gitt til mottakeren nedenfor med grunnlag i personens samtykke ' +
          '(helsepersonelloven § 22, forvaltningsloven § 13 a nr. 1).'),
        {
          type: 'fields',
          rows: [['Mottaker', text(e.recipient)], ['Formål', text(e.purpose)], ['Samtykke', scopeText(e.scope, e.recipient)], ['Utlevert', date(e.disclosedOn)]],
        },
      ],
    };
  },

  CHILD_HEARD_NOTE: (input) => {
    const e = payload<'CHILD_HEARD'>(input);
    return {
      form: 'note',
      blocks: [
        p('Barnet har fått informasjon og anledning til å si sin mening om saken (pasient- og brukerrettighetsloven § 4-4, ' +
          'barnekonvensjonen artikkel 12).'),
        { type: 'fields', rows: [['Dato', date(e.heardOn)], ['Hvordan', capitalise(label(CHILD_HEARD_WAY, e.how))]] },
        p('Hva barnet sa, er ført i saken og tatt med i vurderingen.'),
      ],
    };
  },

  APPOINTMENT_LETTER: (input) => {
    const e = payload<'COORDINATOR_CHANGED'>(input);
    const ref = e.coordinator ?? input.context.coordinator ?? input.context.proposedCoordinator;
    const child = ref?.line === 'BARNEKOORDINATOR';
    const named = input.names?.coordinator?.name;
    return {
      form: 'letter',
      copyTo: named ? [`${named} (koordinator)`] : undefined,
      blocks: [
        p(`Koordinerende enhet har oppnevnt ${child ? 'barnekoordinator' : 'koordinator'} for deg` +
          (input.event.type === 'COORDINATOR_CHANGED' ? `, fordi ${label(COORDINATOR_END_REASON, e.reason)}.` : '.')),
        {
          type: 'fields',
          rows: [
            ...coordinatorRows(input, ref),
            ['Oppnevnt fra', date(input.context.coordinatorAppointedAt ?? input.issuedAt)],
            ['Ditt ønske er tatt hensyn til', yesNo(ref?.userWishMet)],
          ],
        },
        ...coordinatorDuties(child),
      ],
    };
  },

  ANSVARSGRUPPE_INVITATION: (input) => {
    const members = list<Omit<AnsvarsgruppeMember, 'active'>>(payload<'FORM_ANSVARSGRUPPE'>(input).members);
    return {
      form: 'letter',
      to: members.map((m) => text(m?.party)),
      blocks: [
        p('Dere inviteres til å delta i ansvarsgruppe for personen nevnt ovenfor. Personen har selv bestemt hvem som inviteres, ' +
          'og har samtykket til at deltakerne får de opplysningene som er nødvendige for arbeidet.'),
        { type: 'table', columns: ['Deltaker', 'Rolle'], rows: members.map((m) => [text(m?.party), text(m?.role)]), empty: 'Ingen deltakere er registrert.' },
        p('Ansvarsgruppen samordner tjenestene og følger opp den individuelle planen. Den har ingen vedtaksmyndighet. ' +
          'Koordinator kaller inn til møtene og avtaler tid og sted med dere.'),
      ],
    };
  },

  MAPPING_NOTE: (input) => ({
    form: 'note',
    blocks: [
      p('Kartlegging av mål, ressurser og behov er gjennomført sammen med personen.'),
      { type: 'fields', rows: coordinatorRows(input, input.context.coordinator) },
      h('Oppsummering'),
      p(text(payload<'RECORD_MAPPING'>(input).summary)),
    ],
  }),

  PLAN_VERSION: (input) => ({
    form: 'note',
    blocks: [p('Individuell plan godkjent av personen (forskrift om individuell plan ved ytelse av velferdstjenester).'), ...planSections(input, currentPlan(input))],
  }),

  EVALUATION: (input) => {
    const e = payload<'EVALUATION_COMPLETED'>(input);
    return {
      form: 'note',
      blocks: [
        p('Den individuelle planen er evaluert sammen med personen.'),
        {
          type: 'fields',
          rows: [
            ['Resultat', label(EVALUATION_OUTCOME, e.outcome)],
            ['Evaluering nr.', text(input.context.evaluations || undefined)],
            ...(e.outcome === 'CLOSE' ? [['Grunn til avslutning', capitalise(label(CLOSURE_REASON, e.closureReason))] as [string, string]]
              : [['Neste evaluering', date(e.nextEvaluationDate ?? input.context.nextEvaluationDate)] as [string, string]]),
          ],
        },
        ...(e.plan ? [h('Revidert plan'), ...planSections(input, { ...e.plan, version: (input.context.plan?.version ?? 0) + 1 })] : []),
      ],
    };
  },

  APPEAL: (input) => {
    const e = payload<'APPEAL_RECEIVED'>(input);
    const appeal = input.context.appeal;
    return {
      form: 'note',
      blocks: [
        p(`Klage på vedtak datert ${date(input.context.decidedAt)} er mottatt (pasient- og brukerrettighetsloven § 7-2).`),
        {
          type: 'fields',
          rows: [
            ['Mottatt', date(e.receivedAt ?? appeal?.receivedAt)],
            ['Klagen gjelder', lines(e.contestedLines ?? appeal?.contestedLines)],
            ['Innen klagefristen', yesNo(e.timely ?? appeal?.timely)],
            ...(appeal?.daysLate ? [['Dager etter fristen', String(appeal.daysLate)] as [string, string]] : []),
          ],
        },
        h('Klagerens begrunnelse'),
        p(text(e.grounds)),
      ],
    };
  },

  LATE_APPEAL_ASSESSMENT: (input) => {
    const e = payload<'LATE_APPEAL_ASSESSED'>(input);
    return {
      form: 'note',
      blocks: [
        p(`Klagen mottatt ${date(input.context.appeal?.receivedAt)} kom etter klagefristen. Koordinerende enhet har vurdert om ` +
          'den likevel skal behandles (pasient- og brukerrettighetsloven § 7-7, jf. forvaltningsloven § 31).'),
        { type: 'fields', rows: [['Forsinkelsen er unnskyldelig', yesNo(e.excusable)], ['Vurdering', text(e.reasons)]] },
        p(e.excusable === false
          ? 'Klagen sendes Statsforvalteren med tilrådning om at den avvises (forvaltningsloven § 33).'
          : 'Klagen behandles som om den var kommet i tide.'),
      ],
    };
  },

  APPEAL_FORWARDING: (input) => {
    const e = payload<'APPEAL_FORWARDED'>(input);
    const appeal = input.context.appeal;
    return {
      form: 'letter',
      to: ['Statsforvalteren'],
      copyTo: input.subject ? [input.subject.name] : undefined,
      blocks: [
        p('Koordinerende enhet oversender klage på vedtak om ' + `${lines(appeal?.contestedLines)} til Statsforvalteren for avgjørelse ` +
          '(pasient- og brukerrettighetsloven §§ 7-2 og 7-6). Vedtaket er vurdert på nytt og opprettholdt.'),
        {
          type: 'fields',
          rows: [
            ['Vedtaksdato', date(input.context.decidedAt)],
            ['Klage mottatt', date(appeal?.receivedAt)],
            ['Innen klagefristen', yesNo(appeal?.timely)],
            ['Oversendt', date(e.forwardedAt ?? input.issuedAt)],
          ],
        },
        h('Vedtaket som er påklaget'),
        decisionTable(input.context.decisions),
        p('Sakens dokumenter følger vedlagt. Klageren har fått kopi av dette brevet og kan komme med merknader direkte til Statsforvalteren.'),
      ],
    };
  },

  STATSFORVALTER_DECISION: (input) => {
    const e = payload<'STATSFORVALTER_DECIDED'>(input);
    const follows: Record<string, string> = {
      UPHELD: 'Kommunens vedtak står ved lag. Avgjørelsen er endelig og kan ikke påklages (forvaltningsloven § 28 tredje ledd).',
      REVERSED: 'Statsforvalteren har endret vedtaket. Koordinerende enhet følger opp avgjørelsen.',
      RETURNED: 'Saken er sendt tilbake til kommunen for ny behandling. Koordinerende enhet behandler saken på nytt.',
    };
    return {
      form: 'note',
      blocks: [
        p(`Statsforvalteren har avgjort klagen på vedtak om ${lines(input.context.appeal?.contestedLines)}.`),
        { type: 'fields', rows: [['Resultat', e.outcome ? label(APPEAL_OUTCOME, e.outcome) : NOT_GIVEN]] },
        ...(list(e.decisions).length
          ? [decisionTable(e.decisions)]
          : []),
        p(typeof e.outcome === 'string' && follows[e.outcome] ? follows[e.outcome] : NOT_GIVEN),
      ],
    };
  },

  TRANSFER_LETTER: (input) => {
    const e = payload<'USER_MOVED'>(input);
    const plan = input.context.plan;
    return {
      form: 'letter',
      to: [`Koordinerende enhet, ${text(e.newMunicipality)}`],
      blocks: [
        p(`Personen nevnt ovenfor flytter til deres kommune ${date(e.moveDate)}. Personen har samtykket til at saken om ` +
          `${lines(input.context.requestedLines)} og relevante opplysninger oversendes dere.`),
        {
          type: 'fields',
          rows: [
            ['Flyttedato', date(e.moveDate)],
            ['Samtykke til oversending', yesNo(e.transferConsent)],
            ['Gjeldende plan', plan ? `versjon ${plan.version}, godkjent ${date(plan.approvedAt)}` : 'ingen godkjent plan'],
            ...coordinatorRows(input, input.context.coordinator).map(([k, v]) => [`${k} her`, v] as [string, string]),
          ],
        },
        p('Den individuelle planen er personens egen. Vi ber om at dere oppretter egen sak og tar kontakt med personen. Saken ' +
          'avsluttes hos oss fra flyttedatoen. Vedlagt følger bare det personen har samtykket til at vi sender.'),
      ],
    };
  },

  CLOSURE_LETTER: (input) => {
    const e = payload<'CLOSE'>(input);
    const reason = e.reason ?? input.context.closure?.reason;
    // No letter to a deceased person's address (domain S16): the closure is a note.
    const died = reason === 'DIED';
    return {
      form: died ? 'note' : 'letter',
      blocks: [
        p(`Saken om ${lines(input.context.requestedLines)} er avsluttet ${date(input.context.closure?.at ?? input.issuedAt)}.`),
        { type: 'fields', rows: [['Grunn', capitalise(label(CLOSURE_REASON, reason))], ...(e.note ? [['Merknad', e.note] as [string, string]] : [])] },
        ...(died ? [] : [p('Den siste versjonen av planen er arkivert i saken. Du kan når som helst ta kontakt med koordinerende enhet ' +
          'igjen dersom du får behov for individuell plan eller koordinator.')]),
      ],
    };
  },
};
