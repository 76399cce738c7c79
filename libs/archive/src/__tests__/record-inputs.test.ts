import { journalRecordFor } from '../journal-records';
import { documentFileName, folderInputFor, partiesFor, type CaseRecordSource } from '../record-inputs';
import type { ArchiveSettings } from '../archive.types';

const settings = { administrativeUnit: 'Koordinerende enhet' } as ArchiveSettings;
const source = (type: string, payload: Record<string, unknown> = {}): CaseRecordSource => ({
  caseId: '9b2f3c1e-0000-4000-8000-000000000001',
  municipality: '4601',
  subject: { nationalId: '15068012345', name: 'Kari Nordmann', birthDate: '1980-06-15' },
  event: { type, payload, at: '2026-11-02T10:00:00.000Z', actorName: 'Kari Saksbehandler', actorRole: 'KE_CASEWORKER' },
  context: { coordinator: { employeeId: 'emp-17', unit: 'Hjemmetjenesten' } },
});

describe('what a record is built from', () => {
  it('masks the name in the folder\'s public title, keeps it in the screened title', () => {
    const f = folderInputFor('sak/1', '2026-11-02', source('NOTIFICATION_RECEIVED'), settings);
    expect(f.title).toContain('Kari Nordmann');
    expect(f.publicTitle).not.toContain('Kari');
    expect(f.publicTitle).toContain('*****');
  });

  it('an incoming notification from a private person: the notifier as sender, screened, and the KE responsible inside', () => {
    const payload = { type: 'NOTIFICATION_RECEIVED', notifierType: 'NEXT_OF_KIN', notifier: { type: 'NEXT_OF_KIN', name: 'Per Nordmann', relation: 'far' } };
    const spec = journalRecordFor(payload)!;
    const parties = partiesFor(spec, source('NOTIFICATION_RECEIVED', payload), settings);
    expect(parties).toEqual([
      expect.objectContaining({ role: 'EA', name: 'Per Nordmann', screened: true, isPersonName: true }),
      expect.objectContaining({ role: 'IM', name: 'Koordinerende enhet', responsible: true }),
    ]);
  });

  it('an outgoing decision goes to the user (screened, with the identity number) from the KE', () => {
    const spec = journalRecordFor({ type: 'RECORD_DECISION' })!;
    const parties = partiesFor(spec, source('RECORD_DECISION'), settings);
    expect(parties[0]).toMatchObject({ role: 'EM', name: 'Kari Nordmann', personId: '15068012345', screened: true });
    expect(parties[1]).toMatchObject({ role: 'IA', responsible: true });
  });

  it('the appointment letter names the coordinator by unit only, internally', () => {
    const spec = journalRecordFor({ type: 'COORDINATOR_ACCEPTED' })!;
    const parties = partiesFor(spec, source('COORDINATOR_ACCEPTED'), settings);
    expect(parties.find((p) => p.role === 'IM')).toMatchObject({ name: 'Koordinator, Hjemmetjenesten', screened: false });
  });

  it('file names carry no characters a file system refuses', () => {
    expect(documentFileName({ record: 'Melding om behov for individuell plan/koordinator' } as never)).toBe('Melding om behov for individuell plan-koordinator.pdf');
  });
});
