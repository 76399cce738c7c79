// The body of POST /cases: a valid notification of need, with the parts a test cares about overridden.
import { someNationalId } from '../../libs/identity/src/national-id';

let individual = 100;

export function notificationBody(over: Record<string, unknown> = {}, birthDate = '1980-05-05') {
  return {
    municipality: '4601',
    subject: { nationalId: someNationalId(birthDate, individual++), name: 'Test Person' },
    notifier: { type: 'HEALTH_PERSONNEL', name: 'Fastlege Per Hansen', relation: 'fastlege' },
    requestedLines: ['IP', 'KOORDINATOR'],
    needsDescription: 'Trenger koordinerte tjenester',
    channel: 'ELECTRONIC_MESSAGE',
    subjectAware: 'YES_CONSENTED',
    receivedAt: new Date().toISOString(),
    ...over,
  };
}

const INFORMED = { purpose: true, information: true, recipients: true, sources: true, processor: true, voluntaryAndWithdrawable: true, form: true };

/** One consent grant as the API takes it: who gave it, in what capacity and form, and the information checklist. */
export function consentGrant(scope: string, party?: string, capacity = 'SELF', form = 'WRITTEN_DIGITAL', givenBy?: { name: string; relation?: string }) {
  return {
    scope,
    ...(party ? { party } : {}),
    capacity,
    form,
    givenBy: givenBy ?? (capacity === 'PARENT' ? { name: 'Anne Forelder', relation: 'MOTHER' } : { name: 'Test Person' }),
    informationGiven: INFORMED,
    ...(form === 'ORAL_RECORDED' ? { oral: { recordedBy: 'Kari Saksbehandler', context: 'Telefonsamtale', epjReference: 'EPJ-2026-1' } } : {}),
  };
}

/** The deadlines people must meet, without what the case will do by itself (source AUTOMATIC). */
export const peopleDeadlines = (view: { deadlines: { source: string; kind: string }[] }) => view.deadlines.filter((d) => d.source !== 'AUTOMATIC');
