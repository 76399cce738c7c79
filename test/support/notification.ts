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
