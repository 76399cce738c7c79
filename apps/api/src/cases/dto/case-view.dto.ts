// What GET /cases/:id and every case command answer, as an OpenAPI schema. Every property the API sends is here
// (the document closes these schemas: common/openapi-responses.ts), with its type, format and whether it can be null.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CHILD_HEARD_WAYS, CLOSURE_REASONS, CONSENT_CAPACITIES, CONSENT_FORMS, CONSENT_SCOPES, DECISION_OUTCOMES, DISCLOSURE_SCOPES, NOTIFIER_TYPES, SERVICE_LINES,
  SUBJECT_AWARENESS,
} from '../../../../../libs/case-machine/src/ip-case.types';
import { InformationChecklistDto } from './case-event.dto';

const DATE = { type: String, format: 'date' } as const;
const INSTANT = { type: String, format: 'date-time' } as const;
const UUID = { type: String, format: 'uuid' } as const;

export class CaseDeadlineDto {
  @ApiProperty({ example: 'DECISION@2026-11-20' }) key: string;
  @ApiProperty({ example: 'DECISION', description: 'A deadline kind, or (source AUTOMATIC) the event the case will raise by itself' }) kind: string;
  @ApiProperty({ ...DATE, example: '2026-12-18' }) due: string;
  @ApiProperty({ ...DATE, nullable: true }) remindOn: string | null;
  @ApiProperty({ example: 'Decision on the requested service lines: 4 weeks from 2026-11-20' }) rule: string;
  @ApiProperty({ example: 'fvl § 11 a første ledd' }) legalBasis: string;
  @ApiProperty({ enum: ['STATUTORY', 'LOCAL', 'AUTOMATIC'], description: 'AUTOMATIC: what the case will do by itself at `firesAt` (see `effect`)' }) source: string;
  @ApiProperty({ ...INSTANT, nullable: true }) breachedAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'KE_LEADER' }) escalateTo: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'AUTOMATIC only: what will happen' }) effect: string | null;
  @ApiProperty({ ...INSTANT, nullable: true }) firesAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'AUTOMATIC only: the deadline a reminder or breach belongs to' }) forDeadline: string | null;
}

export class BlockedEventDto {
  @ApiProperty({ example: 'START_EVALUATION' }) type: string;
  @ApiProperty({ example: 'NO_PLAN_TO_EVALUATE', description: 'The rule that refuses it now (the same code a refused command carries)' }) code: string;
  @ApiProperty() reason: string;
  @ApiProperty({ example: 'pbrl § 2-5; forskrift om individuell plan' }) legalBasis: string;
}

export class CaseTaskSummaryDto {
  @ApiProperty(UUID) id: string;
  @ApiProperty({ example: 'REGISTER_NOTIFICATION' }) kind: string;
  @ApiProperty({ example: 'KE_CASEWORKER' }) candidateRole: string;
  @ApiProperty({ type: String, nullable: true }) assignee: string | null;
  @ApiProperty({ enum: ['OPEN', 'CLAIMED'] }) status: string;
  @ApiProperty({ ...DATE, nullable: true }) due: string | null;
}

export class CaseIncidentSummaryDto {
  @ApiProperty(UUID) incidentId: string;
  @ApiProperty({ example: 'PROPOSE_COORDINATOR' }) eventType: string;
  @ApiProperty({ example: '22001' }) sqlState: string;
  @ApiProperty({ type: String, nullable: true }) constraintName: string | null;
  @ApiProperty(INSTANT) openedAt: string;
}

export class CaseSubjectViewDto {
  @ApiPropertyOptional({ description: 'Fødselsnummer or D-number: KE caseworkers and leaders only' }) nationalId?: string;
  @ApiProperty() name: string;
  @ApiProperty({ ...DATE, nullable: true }) birthDate: string | null;
}

export class NotifierViewDto {
  @ApiProperty({ enum: NOTIFIER_TYPES }) type: string;
  @ApiProperty() name: string;
  @ApiProperty() relation: string;
  @ApiPropertyOptional({ pattern: '^\\d{9}$' }) organisationNumber?: string;
}

export class NotificationViewDto {
  @ApiProperty({ type: NotifierViewDto }) notifier: NotifierViewDto;
  @ApiProperty({ type: String, nullable: true }) needsDescription: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'ELECTRONIC_MESSAGE' }) channel: string | null;
  @ApiProperty({ ...INSTANT, nullable: true }) receivedAt: string | null;
  @ApiProperty({ type: String, nullable: true, enum: SUBJECT_AWARENESS }) subjectAware: string | null;
}

export class LineDecisionViewDto {
  @ApiProperty({ enum: SERVICE_LINES }) line: string;
  @ApiProperty({ enum: DECISION_OUTCOMES }) outcome: string;
  @ApiPropertyOptional() reasons?: string;
  @ApiProperty() legalBasis: string;
}

export class CoordinatorViewDto {
  @ApiProperty({ description: "The employee's id in the municipality's IAM" }) employeeId: string;
  @ApiProperty() unit: string;
  @ApiProperty({ enum: ['KOORDINATOR', 'BARNEKOORDINATOR'] }) line: string;
  @ApiProperty() userWishMet: boolean;
}

export class ConsentGrantorViewDto {
  @ApiProperty() name: string;
  @ApiPropertyOptional({ example: 'MOTHER' }) relation?: string;
}

export class OralConsentViewDto {
  @ApiProperty() recordedBy: string;
  @ApiProperty() context: string;
  @ApiProperty() epjReference: string;
}

export class ConsentViewDto {
  @ApiProperty({ enum: CONSENT_SCOPES }) scope: string;
  @ApiPropertyOptional({ description: 'The party of SHARE_WITH, OBTAIN_FROM and PARTICIPANT' }) party?: string;
  @ApiProperty({ enum: CONSENT_CAPACITIES }) capacity: string;
  @ApiProperty({ enum: CONSENT_FORMS }) form: string;
  @ApiProperty({
    description: 'The information checklist (`true` in cases recorded before the checklist existed)',
    oneOf: [{ $ref: '#/components/schemas/InformationChecklistDto' }, { type: 'boolean' }],
  })
  informationGiven: InformationChecklistDto | boolean;
  @ApiPropertyOptional({ type: ConsentGrantorViewDto }) givenBy?: ConsentGrantorViewDto;
  @ApiPropertyOptional({ type: OralConsentViewDto }) oral?: OralConsentViewDto;
  @ApiProperty({ enum: ['ACTIVE', 'WITHDRAWN'] }) status: string;
  @ApiProperty(INSTANT) validFrom: string;
  @ApiPropertyOptional(INSTANT) withdrawnAt?: string;
}

export class AnsvarsgruppeMemberViewDto {
  @ApiProperty() party: string;
  @ApiProperty() role: string;
  @ApiProperty() active: boolean;
  @ApiPropertyOptional(INSTANT) leftAt?: string;
}

export class SharingEndedViewDto {
  @ApiProperty() party: string;
  @ApiProperty({ enum: CONSENT_SCOPES }) scope: string;
  @ApiProperty(INSTANT) at: string;
  @ApiPropertyOptional(INSTANT) notifiedAt?: string;
}

export class PlanGoalViewDto {
  @ApiProperty() lifeArea: string;
  @ApiProperty() statementInUserWords: string;
}

export class PlanMeasureViewDto {
  @ApiProperty() description: string;
  @ApiProperty() responsibleParty: string;
  @ApiProperty() scope: string;
}

export class PlanParticipantViewDto {
  @ApiProperty() party: string;
  @ApiProperty() role: string;
}

export class PlanViewDto {
  @ApiProperty({ type: [PlanGoalViewDto] }) goals: PlanGoalViewDto[];
  @ApiProperty({ type: [PlanMeasureViewDto] }) measures: PlanMeasureViewDto[];
  @ApiProperty(DATE) revisionDate: string;
  @ApiProperty({ enum: ['FULL', 'PARTLY', 'REPRESENTED', 'DECLINED'] }) userParticipation: string;
  @ApiPropertyOptional({ type: [PlanParticipantViewDto] }) participants?: PlanParticipantViewDto[];
  @ApiPropertyOptional({ type: [String] }) sharedWith?: string[];
  @ApiProperty({ description: 'Approved versions so far' }) version: number;
  @ApiProperty(INSTANT) approvedAt: string;
}

export class PlanVersionViewDto {
  @ApiProperty() version: number;
  @ApiProperty(INSTANT) approvedAt: string;
  @ApiProperty({ enum: ['FULL', 'PARTLY', 'REPRESENTED', 'DECLINED'] }) userParticipation: string;
  @ApiProperty({ description: "Every goal of the version is stated in the person's own words" }) goalsInOwnWords: boolean;
}

export class DisclosureViewDto {
  @ApiProperty({ example: 'NAV' }) recipient: string;
  @ApiProperty({ enum: DISCLOSURE_SCOPES }) scope: string;
  @ApiProperty() purpose: string;
  @ApiProperty({ ...DATE, example: '2026-11-20' }) disclosedOn: string;
  @ApiProperty({ ...INSTANT, description: 'When it was recorded' }) at: string;
  @ApiProperty({ enum: [true], description: 'A matching consent was active (a disclosure without one is refused)' }) consentActive: true;
}

export class ChildHeardViewDto {
  @ApiProperty(DATE) heardOn: string;
  @ApiProperty({ enum: CHILD_HEARD_WAYS }) how: string;
  @ApiProperty({ ...INSTANT, description: 'When it was recorded' }) at: string;
}

export class AppealViewDto {
  @ApiProperty(INSTANT) receivedAt: string;
  @ApiProperty() timely: boolean;
  @ApiPropertyOptional({ description: "Days after the appeal window's last day; 0 when in time" }) daysLate?: number;
  @ApiPropertyOptional({ enum: ['PENDING', 'EXCUSED', 'NOT_EXCUSED'] }) lateness?: string;
  @ApiPropertyOptional() latenessReasons?: string;
  @ApiProperty({ enum: SERVICE_LINES, isArray: true }) contestedLines: string[];
  @ApiPropertyOptional({ enum: ['REVERSED', 'UPHELD'] }) reconsideration?: string;
  @ApiPropertyOptional(INSTANT) forwardedAt?: string;
  @ApiPropertyOptional({ enum: ['UPHELD', 'REVERSED', 'RETURNED'] }) statsforvalterOutcome?: string;
}

export class PauseViewDto {
  @ApiProperty(INSTANT) since: string;
  @ApiProperty(DATE) plannedResumeDate: string;
  @ApiProperty() reason: string;
}

export class ClosureViewDto {
  @ApiProperty({ enum: CLOSURE_REASONS }) reason: string;
  @ApiProperty(INSTANT) at: string;
}

export class CaseViewDto {
  @ApiProperty(UUID) caseId: string;
  @ApiProperty({ example: '4601' }) municipality: string;
  @ApiProperty({ example: 'CONSENT_PENDING', description: 'Domain status of the case (section 2.1)' }) status: string;
  @ApiProperty({
    description: 'The statechart state value: a state name, or an object of nested state names',
    oneOf: [{ type: 'string' }, { type: 'object' }],
    example: { open: 'received' },
  })
  state: string | object;
  @ApiProperty({ description: 'Number of accepted events: the version in ETag and If-Match' }) seq: number;
  @ApiProperty({ type: [String], description: 'Commands the case takes now (every rule about the case holds; the payload is checked when sent)' }) allowedEvents: string[];
  @ApiProperty({ type: [BlockedEventDto], description: 'Commands the state handles that a rule refuses now, each with the rule' }) blockedEvents: BlockedEventDto[];
  @ApiProperty({ type: [String], description: 'Consent scopes only one parent has given under joint parental responsibility (pbrl § 4-4)' }) consentsAwaitingSecondParent: string[];
  @ApiPropertyOptional({ type: CaseSubjectViewDto, description: 'Name and birth date; the identity number only for KE caseworkers and leaders' }) subject?: CaseSubjectViewDto;
  @ApiProperty({ type: NotificationViewDto, nullable: true, description: 'The notification as received: notifier, needs, channel' }) notification: NotificationViewDto | null;
  @ApiProperty({ enum: SERVICE_LINES, isArray: true }) requestedLines: string[];
  @ApiProperty({ type: [LineDecisionViewDto] }) decisions: LineDecisionViewDto[];
  @ApiProperty({ type: CoordinatorViewDto, nullable: true }) coordinator: CoordinatorViewDto | null;
  @ApiProperty({ type: CoordinatorViewDto, nullable: true }) proposedCoordinator: CoordinatorViewDto | null;
  @ApiProperty({ type: [ConsentViewDto], description: 'Consents per scope, with status' }) consents: ConsentViewDto[];
  @ApiProperty({ type: [AnsvarsgruppeMemberViewDto] }) ansvarsgruppe: AnsvarsgruppeMemberViewDto[];
  @ApiProperty({ type: [SharingEndedViewDto], description: 'Parties whose consent ended: sharing with them stopped' }) sharingEnded: SharingEndedViewDto[];
  @ApiProperty({ type: PlanViewDto, nullable: true }) plan: PlanViewDto | null;
  @ApiProperty({ type: [PlanVersionViewDto], description: 'Each approved plan version: how the person took part (empty for cases from before versions were kept)' })
  planVersions: PlanVersionViewDto[];
  @ApiProperty({ type: [DisclosureViewDto], description: 'Information disclosed to named parties, each under an active matching consent (hpl § 22)' })
  disclosures: DisclosureViewDto[];
  @ApiProperty({ type: [ChildHeardViewDto], description: 'When and how the child was heard (pbrl § 4-4); what the child said is in the case history' })
  childHeard: ChildHeardViewDto[];
  @ApiProperty({ type: AppealViewDto, nullable: true }) appeal: AppealViewDto | null;
  @ApiProperty({ type: PauseViewDto, nullable: true }) pause: PauseViewDto | null;
  @ApiProperty({ ...DATE, nullable: true }) nextEvaluationDate: string | null;
  @ApiProperty({ type: ClosureViewDto, nullable: true, description: 'Reason and time when closed' }) closure: ClosureViewDto | null;
  @ApiProperty({ type: [CaseDeadlineDto] }) deadlines: CaseDeadlineDto[];
  @ApiProperty({ type: [CaseTaskSummaryDto] }) tasks: CaseTaskSummaryDto[];
  @ApiProperty({ type: [CaseIncidentSummaryDto], description: 'Commands the case accepted but could not record (it was left as it was), until the KE leader resolves them' })
  incidents: CaseIncidentSummaryDto[];
  @ApiProperty({ ...INSTANT, nullable: true }) receivedAt: string | null;
  @ApiProperty(INSTANT) updatedAt: string;
}

/** The answer to an accepted command that took away the sender's own access (a declined appointment, a move). */
export class CommandReceiptDto {
  @ApiProperty(UUID) caseId: string;
  @ApiProperty({ enum: [true] }) accepted: true;
  @ApiProperty({ example: 'COORDINATOR_DECLINED' }) event: string;
  @ApiProperty({ enum: [false] }) visible: false;
  @ApiProperty({ example: 'COORDINATOR_DECLINED was applied; the case is no longer visible to you.' }) detail: string;
}

export class CaseListItemDto {
  @ApiProperty(UUID) caseId: string;
  @ApiProperty() municipality: string;
  @ApiProperty() status: string;
  @ApiProperty() seq: number;
  @ApiProperty({ ...DATE, nullable: true }) nextDue: string | null;
  @ApiProperty({ ...INSTANT, nullable: true }) receivedAt: string | null;
  @ApiProperty({ type: String, nullable: true, enum: CLOSURE_REASONS }) closureReason: string | null;
}

export class CaseListDto {
  @ApiProperty({ type: [CaseListItemDto] }) items: CaseListItemDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last' }) nextCursor: string | null;
  @ApiProperty({ description: 'Cases matching the filters' }) total: number;
}

export class HistoryEntryDto {
  @ApiProperty() seq: number;
  @ApiProperty({ example: 'RECORD_DECISION' }) eventType: string;
  @ApiProperty() actorSub: string;
  @ApiProperty() actorName: string;
  @ApiProperty() actorRole: string;
  @ApiProperty(INSTANT) occurredAt: string;
  @ApiProperty() fromStatus: string;
  @ApiProperty() toStatus: string;
  @ApiProperty({ type: String, nullable: true, example: 'pbrl §§ 2-5, 2-5 b, 2-5 c, 2-7' }) legalBasis: string | null;
}
