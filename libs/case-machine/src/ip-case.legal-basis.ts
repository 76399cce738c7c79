// The legal basis of each event, carried as transition metadata by the machine and recorded in the case history.
import type { IpCaseEventType } from './ip-case.events';

const CONSENT = 'pbrl §§ 2-5, 4-1–4-7; hpl § 22; fvl § 13 a nr. 1';
const COORDINATOR = 'hol §§ 7-2, 7-2 a, 7-3; pbrl §§ 2-5 b, 2-5 c';
const PLAN = 'pbrl § 2-5; forskrift om individuell plan (innhold)';
const INTERNAL_CONTROL = 'forskrift om ledelse og kvalitetsforbedring §§ 6–9; kommuneloven § 25-1';

export const LEGAL_BASIS: Record<IpCaseEventType, string> = {
  NOTIFICATION_RECEIVED: 'hpl § 38 a; forskrift hab/rehab § 6 (a); pbrl § 2-5; hol § 7-1',
  REGISTER: 'arkivforskrifta § 9; offentleglova § 13',
  START_ASSESSMENT: 'hol §§ 7-1, 7-2, 7-2 a, 7-3; pbrl §§ 2-5, 2-5 b, 2-5 c; fvl § 11',
  SEND_PRELIMINARY_REPLY: 'fvl § 11 a (2)–(3)',
  RECORD_DECISION: 'pbrl §§ 2-5, 2-5 b, 2-5 c, 2-7; klageadgang pbrl §§ 7-2, 7-5',
  APPEAL_RECEIVED: 'pbrl §§ 7-2, 7-5, 7-7',
  LATE_APPEAL_ASSESSED: 'pbrl §§ 7-5, 7-7; fvl §§ 31, 33',
  APPEAL_RECONSIDERED: 'pbrl § 7-2',
  APPEAL_FORWARDED: 'pbrl §§ 7-2, 7-6',
  STATSFORVALTER_DECIDED: 'pbrl kap. 7',
  CONSENT_GIVEN: CONSENT,
  CONSENT_DECLINED: 'pbrl § 2-5 (ingen plan uten samtykke); pbrl § 2-5 b',
  CONSENT_CHANGED: CONSENT,
  CONSENT_WITHDRAWN: 'pbrl §§ 4-1, 2-5; hpl § 22',
  SHARING_END_NOTIFIED: 'hpl § 22; fvl § 13 a nr. 1 (delingen stanset)',
  INFORMATION_DISCLOSED: 'hpl § 22; pbrl § 2-5; fvl § 13 a nr. 1',
  CHILD_HEARD: 'pbrl § 4-4; barnekonvensjonen art. 12',
  PROPOSE_COORDINATOR: COORDINATOR,
  COORDINATOR_ACCEPTED: COORDINATOR,
  COORDINATOR_DECLINED: COORDINATOR,
  COORDINATOR_CHANGED: 'hol §§ 7-2, 7-3; pbrl § 2-5 b',
  COORDINATOR_ENDED: 'hol §§ 7-2, 7-3; pbrl § 2-5 b',
  START_MAPPING: `${PLAN}; veileder 13.1`,
  START_FOLLOW_UP: 'hol § 7-2; pbrl § 2-5 b (koordinator uten IP)',
  RECORD_MAPPING: `${PLAN}; veileder 13.1`,
  FORM_ANSVARSGRUPPE: 'ikke lovregulert (praksis); deling bygger på samtykke, hpl § 22',
  MAPPING_COMPLETED: PLAN,
  SUBMIT_PLAN_DRAFT: PLAN,
  PLAN_APPROVED: PLAN,
  START_EVALUATION: `${PLAN} (planperiode og revisjon); hol § 7-2`,
  EVALUATION_COMPLETED: `${PLAN} (planperiode og revisjon); hol § 7-2`,
  PAUSE: 'ingen lovstatus (lokal praksis); retten til koordinator består, pbrl § 2-5 b',
  RESUME: 'ingen lovstatus (lokal praksis)',
  USER_MOVED: 'hol § 3-1; overføring krever samtykke, hpl § 22',
  USER_DIED: 'arkivlova; bevaringsregler (riksarkivarens forskrift § 7-29)',
  CONVERT_TO_COORDINATOR: 'pbrl § 2-5 b',
  CLOSE: 'forskrift hab/rehab § 6 b (KE-rutiner); saksstatus A',
  ACKNOWLEDGE_ESCALATION: INTERNAL_CONTROL,
  TURNS_16: 'pbrl § 4-3 første ledd bokstav b',
  TURNS_18: 'pbrl § 2-5 c; hol § 7-2 a',
  DEADLINE_REMINDER: INTERNAL_CONTROL,
  DEADLINE_BREACHED: INTERNAL_CONTROL,
};

export const lb = (type: IpCaseEventType) => ({ legalBasis: LEGAL_BASIS[type] });
