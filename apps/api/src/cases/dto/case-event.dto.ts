// POST /cases/:id/events: one typed event per class, validated before it reaches the case workflow.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize, Equals, IsArray, IsBoolean, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested,
} from 'class-validator';
import {
  CHILD_HEARD_WAYS, CLOSURE_REASONS, CONSENT_CAPACITIES, CONSENT_FORMS, CONSENT_SCOPES, COORDINATOR_END_REASONS, DECISION_OUTCOMES, DISCLOSURE_SCOPES,
  EVALUATION_OUTCOMES, INFORMATION_ITEMS, LETTER_METHODS, PARENTAL_RESPONSIBILITY, PARTY_SCOPES, SERVICE_LINES,
} from '../../../../../libs/case-machine/src/ip-case.types';
import type { CommandEventType } from '../../../../../libs/case-machine/src/ip-case.events';
import { CivilDateField, IsNotFuture, IsWithinDateRange, OnlyWhen, RequiredWhen, Text } from './validators';
import { IsKnownMunicipality } from '../../../../../libs/municipalities/src';
import { LIMITS } from '../../../../../libs/persistence/src/limits';

/** An instant, ISO 8601 with its offset: `format: date-time`. */
const InstantField = () => (t: object, k: string) => {
  ApiProperty({ type: String, format: 'date-time', example: '2027-03-01T09:00:00.000Z' })(t, k);
  IsISO8601({ strict: true })(t, k);
  IsWithinDateRange()(t, k);
};
const Checked = () => (t: object, k: string) => { ApiProperty({ description: `The person was told: ${k}` })(t, k); IsBoolean()(t, k); };

export class LineDecisionDto {
  @ApiProperty({ enum: SERVICE_LINES }) @IsIn(SERVICE_LINES) line: (typeof SERVICE_LINES)[number];
  @ApiProperty({ enum: DECISION_OUTCOMES }) @IsIn(DECISION_OUTCOMES) outcome: (typeof DECISION_OUTCOMES)[number];
  @ApiPropertyOptional({ description: 'Mandatory for PARTLY, REJECTED and DISMISSED' }) @IsOptional() @Text() reasons?: string;
  @ApiProperty({ example: 'pbrl § 2-5 b' }) @Text() legalBasis: string;
}
/** The seven things a person is told before consenting (domain 3.2); each must be true for the consent to be valid. */
export class InformationChecklistDto {
  @Checked() purpose: boolean;
  @Checked() information: boolean;
  @Checked() recipients: boolean;
  @Checked() sources: boolean;
  @Checked() processor: boolean;
  @Checked() voluntaryAndWithdrawable: boolean;
  @Checked() form: boolean;
}
export class ConsentGrantorDto {
  @ApiProperty({ description: 'Who gave the consent: the person, or the parent, guardian, child welfare caseworker or representative' }) @Text(LIMITS.name) name: string;
  @ApiPropertyOptional({ description: 'Tells two parents apart, e.g. MOTHER, FATHER', example: 'MOTHER' }) @IsOptional() @Text() relation?: string;
}
export class OralConsentDto {
  @ApiProperty() @Text() recordedBy: string;
  @ApiProperty({ description: 'The setting, and any witness' }) @Text() context: string;
  @ApiProperty({ description: 'Where the consent is noted in the EPJ' }) @Text() epjReference: string;
}
export class ConsentGrantDto {
  @ApiProperty({ enum: CONSENT_SCOPES }) @IsIn(CONSENT_SCOPES) scope: (typeof CONSENT_SCOPES)[number];
  @ApiPropertyOptional({ description: 'Service or role (never a named employee) for SHARE_WITH, OBTAIN_FROM, PARTICIPANT' })
  @RequiredWhen('scope', PARTY_SCOPES) @OnlyWhen('scope', PARTY_SCOPES) @Text() party?: string;
  @ApiProperty({ enum: CONSENT_CAPACITIES, description: 'In what capacity the grantor consents (pbrl §§ 4-3, 4-4)' }) @IsIn(CONSENT_CAPACITIES) capacity: (typeof CONSENT_CAPACITIES)[number];
  @ApiProperty({ type: ConsentGrantorDto }) @ValidateNested() @Type(() => ConsentGrantorDto) givenBy: ConsentGrantorDto;
  @ApiProperty({ enum: CONSENT_FORMS }) @IsIn(CONSENT_FORMS) form: (typeof CONSENT_FORMS)[number];
  @ApiPropertyOptional({ type: OralConsentDto, description: 'Required for ORAL_RECORDED' })
  @RequiredWhen('form', ['ORAL_RECORDED']) @OnlyWhen('form', ['ORAL_RECORDED']) @ValidateNested() @Type(() => OralConsentDto) oral?: OralConsentDto;
  @ApiProperty({ type: InformationChecklistDto, description: `What the person was told: ${INFORMATION_ITEMS.join(', ')}` })
  @ValidateNested() @Type(() => InformationChecklistDto) informationGiven: InformationChecklistDto;
}
export class ConsentRefDto {
  @ApiProperty({ enum: CONSENT_SCOPES }) @IsIn(CONSENT_SCOPES) scope: (typeof CONSENT_SCOPES)[number];
  @ApiPropertyOptional() @IsOptional() @Text() party?: string;
}
export class CoordinatorRefDto {
  @ApiProperty({ description: "The employee's id in the municipality's IAM (the coordinator's token subject)" }) @Text(LIMITS.employeeId) employeeId: string;
  @ApiProperty() @Text() unit: string;
  @ApiProperty({ enum: ['KOORDINATOR', 'BARNEKOORDINATOR'] }) @IsIn(['KOORDINATOR', 'BARNEKOORDINATOR']) line: 'KOORDINATOR' | 'BARNEKOORDINATOR';
  @ApiProperty() @IsBoolean() userWishMet: boolean;
}
export class GoalDto {
  @ApiProperty() @Text() lifeArea: string;
  @ApiProperty() @Text() statementInUserWords: string;
}
export class MeasureDto {
  @ApiProperty() @Text() description: string;
  @ApiProperty({ description: "'USER' or a party with PARTICIPANT consent" }) @Text() responsibleParty: string;
  @ApiProperty({ example: '2 t/uke' }) @Text() scope: string;
}
export class PlanParticipantDto {
  @ApiProperty({ description: 'A party with PARTICIPANT consent' }) @Text() party: string;
  @ApiProperty() @Text() role: string;
}
export class PlanDraftDto {
  @ApiProperty({ type: [GoalDto] }) @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => GoalDto) goals: GoalDto[];
  @ApiProperty({ type: [MeasureDto] }) @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => MeasureDto) measures: MeasureDto[];
  @ApiProperty() @CivilDateField() revisionDate: string;
  @ApiProperty({ enum: ['FULL', 'PARTLY', 'REPRESENTED', 'DECLINED'] }) @IsIn(['FULL', 'PARTLY', 'REPRESENTED', 'DECLINED']) userParticipation: 'FULL' | 'PARTLY' | 'REPRESENTED' | 'DECLINED';
  @ApiPropertyOptional({ type: [PlanParticipantDto], description: 'Parties taking part in the plan (PARTICIPANT consent each)' })
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => PlanParticipantDto) participants?: PlanParticipantDto[];
  @ApiPropertyOptional({ type: 'array', items: { type: 'string', maxLength: LIMITS.name }, description: 'Parties the plan is shared with (SHARE_WITH consent each)' })
  @IsOptional() @IsArray() @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(LIMITS.name, { each: true }) sharedWith?: string[];
}
export class MemberDto {
  @ApiProperty() @Text() party: string;
  @ApiProperty() @Text() role: string;
}

class NoPayload {}
export class SendPreliminaryReplyDto { @ApiProperty() @CivilDateField() expectedAnswerBy: string; @ApiProperty() @Text() reason: string; }
export class RecordDecisionDto {
  @ApiProperty({ type: [LineDecisionDto] }) @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => LineDecisionDto) decisions: LineDecisionDto[];
  @ApiProperty({ description: 'When the decision letter is (or was) sent' }) @InstantField() sentAt: string;
  @ApiProperty({ description: 'The letter gives appeal information: to whom, the 4-week deadline, access to documents, help from the ombud (pbrl §§ 7-2, 7-5)' })
  @Equals(true, { message: 'appealInformationIncluded must be true: a decision letter states how to appeal' })
  appealInformationIncluded: boolean;
  @ApiProperty({ enum: LETTER_METHODS, description: 'How the letter is sent: with sentAt it sets when the person receives it, and so the appeal window (README)' })
  @IsIn(LETTER_METHODS) letterMethod: (typeof LETTER_METHODS)[number];
}
export class AppealReceivedDto {
  @ApiProperty({ description: 'When the appeal reached the municipality; the engine works out whether it is in time' })
  @InstantField() @IsNotFuture() receivedAt: string;
  @ApiProperty({ enum: SERVICE_LINES, isArray: true }) @IsArray() @ArrayMinSize(1) @IsIn(SERVICE_LINES, { each: true }) contestedLines: (typeof SERVICE_LINES)[number][];
  @ApiProperty() @Text() grounds: string;
}
export class LateAppealAssessedDto {
  @ApiProperty({ description: 'The lateness is excusable (pbrl § 7-7, fvl § 31): the appeal goes on; otherwise it is dismissed' }) @IsBoolean() excusable: boolean;
  @ApiProperty() @Text() reasons: string;
}
export class AppealReconsideredDto {
  @ApiProperty({ enum: ['REVERSED', 'UPHELD'] }) @IsIn(['REVERSED', 'UPHELD']) outcome: 'REVERSED' | 'UPHELD';
  @ApiPropertyOptional({ type: [LineDecisionDto], description: 'Only with REVERSED: the new decisions (default: the contested lines granted)' })
  @OnlyWhen('outcome', ['REVERSED']) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => LineDecisionDto) decisions?: LineDecisionDto[];
}
export class AppealForwardedDto { @ApiProperty() @InstantField() forwardedAt: string; }
export class StatsforvalterDecidedDto {
  @ApiProperty({ enum: ['UPHELD', 'REVERSED', 'RETURNED'] }) @IsIn(['UPHELD', 'REVERSED', 'RETURNED']) outcome: 'UPHELD' | 'REVERSED' | 'RETURNED';
  @ApiPropertyOptional({ type: [LineDecisionDto], description: 'Only with REVERSED: the new decisions (default: the contested lines granted)' })
  @OnlyWhen('outcome', ['REVERSED']) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => LineDecisionDto) decisions?: LineDecisionDto[];
}
export class ConsentGivenDto {
  @ApiProperty({ type: [ConsentGrantDto] }) @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => ConsentGrantDto) grants: ConsentGrantDto[];
  @ApiPropertyOptional({ enum: PARENTAL_RESPONSIBILITY, description: 'For a child under 16: joint parental responsibility means both parents consent (pbrl § 4-4)' })
  @IsOptional() @IsIn(PARENTAL_RESPONSIBILITY) parentalResponsibility?: (typeof PARENTAL_RESPONSIBILITY)[number];
}
export class ConsentDeclinedDto { @ApiPropertyOptional() @IsOptional() @Text() note?: string; }
export class ConsentChangedDto {
  @ApiProperty({ type: [ConsentGrantDto] }) @IsArray() @ValidateNested({ each: true }) @Type(() => ConsentGrantDto) grants: ConsentGrantDto[];
  @ApiProperty({ type: [ConsentRefDto] }) @IsArray() @ValidateNested({ each: true }) @Type(() => ConsentRefDto) withdraw: ConsentRefDto[];
}
export class ConsentWithdrawnDto {
  @ApiProperty({ type: [ConsentRefDto] }) @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => ConsentRefDto) withdraw: ConsentRefDto[];
  @ApiProperty({ description: 'The person was told what withdrawal means (pbrl § 4-1)' }) @IsBoolean() consequencesExplained: boolean;
}
export class ProposeCoordinatorDto { @ApiProperty({ type: CoordinatorRefDto }) @ValidateNested() @Type(() => CoordinatorRefDto) coordinator: CoordinatorRefDto; }
export class CoordinatorDeclinedDto { @ApiProperty() @Text() reason: string; }
export class SharingEndNotifiedDto {
  @ApiProperty({ type: 'array', items: { type: 'string', maxLength: LIMITS.name }, description: 'The parties told that sharing with them has ended' }) @IsArray() @ArrayMinSize(1) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(LIMITS.name, { each: true }) parties: string[];
  @ApiPropertyOptional() @IsOptional() @Text() note?: string;
}
export class InformationDisclosedDto {
  @ApiProperty({ description: 'The service or party (never a named employee) the information went to: the party of the consent', example: 'NAV' })
  @Text(LIMITS.name) recipient: string;
  @ApiProperty({ enum: DISCLOSURE_SCOPES, example: 'SHARE_WITH', description: 'The consent scope it rests on, for the recipient as its party (SHARE_WITH:<recipient> or PARTICIPANT:<recipient>); without an active one it is 409 CONSENT_SCOPE_MISSING' })
  @IsIn(DISCLOSURE_SCOPES) scope: (typeof DISCLOSURE_SCOPES)[number];
  @ApiProperty({ example: 'Søknad om arbeidsavklaringspenger' }) @Text() purpose: string;
  @ApiProperty({ description: 'The day it was disclosed; not in the future', example: '2026-11-20' }) @CivilDateField() @IsNotFuture() disclosedOn: string;
}
export class ChildHeardDto {
  @ApiProperty({ description: 'The day the child was heard; not in the future', example: '2026-11-20' }) @CivilDateField() @IsNotFuture() heardOn: string;
  @ApiProperty({ enum: CHILD_HEARD_WAYS, example: 'CONVERSATION' }) @IsIn(CHILD_HEARD_WAYS) how: (typeof CHILD_HEARD_WAYS)[number];
  @ApiPropertyOptional({ description: "The child's views, in short; kept in the case history only" }) @IsOptional() @Text() summary?: string;
}
export class CoordinatorChangedDto {
  @ApiProperty({ type: CoordinatorRefDto }) @ValidateNested() @Type(() => CoordinatorRefDto) coordinator: CoordinatorRefDto;
  @ApiProperty({ enum: COORDINATOR_END_REASONS }) @IsIn(COORDINATOR_END_REASONS) reason: (typeof COORDINATOR_END_REASONS)[number];
}
export class CoordinatorEndedDto { @ApiProperty({ enum: COORDINATOR_END_REASONS }) @IsIn(COORDINATOR_END_REASONS) reason: (typeof COORDINATOR_END_REASONS)[number]; }
export class RecordMappingDto { @ApiProperty() @Text() summary: string; }
export class FormAnsvarsgruppeDto { @ApiProperty({ type: [MemberDto] }) @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => MemberDto) members: MemberDto[]; }
export class MappingCompletedDto { @ApiPropertyOptional({ description: 'The mapping, when not recorded before (RECORD_MAPPING)' }) @IsOptional() @Text() summary?: string; }
export class SubmitPlanDraftDto { @ApiProperty({ type: PlanDraftDto }) @ValidateNested() @Type(() => PlanDraftDto) plan: PlanDraftDto; }
export class StartEvaluationDto {
  @ApiProperty({ enum: ['SCHEDULED', 'CHANGE_IN_SITUATION', 'USER_REQUEST', 'MEASURE_DONE', 'COORDINATOR_CHANGE'] })
  @IsIn(['SCHEDULED', 'CHANGE_IN_SITUATION', 'USER_REQUEST', 'MEASURE_DONE', 'COORDINATOR_CHANGE'])
  trigger: 'SCHEDULED' | 'CHANGE_IN_SITUATION' | 'USER_REQUEST' | 'MEASURE_DONE' | 'COORDINATOR_CHANGE';
}
export class EvaluationCompletedDto {
  @ApiProperty({ enum: EVALUATION_OUTCOMES }) @IsIn(EVALUATION_OUTCOMES) outcome: (typeof EVALUATION_OUTCOMES)[number];
  @ApiPropertyOptional({ description: 'CONTINUE (required) or REVISE (default: the new plan\'s revision date)' })
  @RequiredWhen('outcome', ['CONTINUE']) @OnlyWhen('outcome', ['CONTINUE', 'REVISE']) @CivilDateField() nextEvaluationDate?: string;
  @ApiPropertyOptional({ type: PlanDraftDto, description: 'REVISE only: the revised plan' })
  @RequiredWhen('outcome', ['REVISE']) @OnlyWhen('outcome', ['REVISE']) @ValidateNested() @Type(() => PlanDraftDto) plan?: PlanDraftDto;
  @ApiPropertyOptional({ enum: CLOSURE_REASONS, description: 'CLOSE only' })
  @RequiredWhen('outcome', ['CLOSE']) @OnlyWhen('outcome', ['CLOSE']) @IsIn(CLOSURE_REASONS) closureReason?: (typeof CLOSURE_REASONS)[number];
}
export class PauseDto { @ApiProperty() @Text() reason: string; @ApiProperty() @CivilDateField() plannedResumeDate: string; }
export class UserMovedDto {
  @ApiProperty({ example: '0301', pattern: '^\\d{4}$', description: 'Kommunenummer of the new municipality (SSB register)' }) @IsKnownMunicipality() newMunicipality: string;
  @ApiProperty() @CivilDateField() moveDate: string;
  @ApiProperty() @IsBoolean() transferConsent: boolean;
}
export class UserDiedDto { @ApiProperty() @CivilDateField() dateOfDeath: string; }
export class CloseDto { @ApiProperty({ enum: CLOSURE_REASONS }) @IsIn(CLOSURE_REASONS) reason: (typeof CLOSURE_REASONS)[number]; @ApiPropertyOptional() @IsOptional() @Text() note?: string; }
export class AcknowledgeEscalationDto { @ApiProperty() @Text(LIMITS.deadlineKey) deadlineKey: string; @ApiProperty() @Text() action: string; }

/** The payload class of each command event. Timer events (TURNS_16/18, DEADLINE_*) are absent: the API cannot send them. */
export const EVENT_PAYLOADS: Record<CommandEventType, new () => object> = {
  NOTIFICATION_RECEIVED: NoPayload, // refused by the controller: intake is POST /cases
  REGISTER: NoPayload,
  START_ASSESSMENT: NoPayload,
  SEND_PRELIMINARY_REPLY: SendPreliminaryReplyDto,
  RECORD_DECISION: RecordDecisionDto,
  APPEAL_RECEIVED: AppealReceivedDto,
  LATE_APPEAL_ASSESSED: LateAppealAssessedDto,
  APPEAL_RECONSIDERED: AppealReconsideredDto,
  APPEAL_FORWARDED: AppealForwardedDto,
  STATSFORVALTER_DECIDED: StatsforvalterDecidedDto,
  CONSENT_GIVEN: ConsentGivenDto,
  CONSENT_DECLINED: ConsentDeclinedDto,
  CONSENT_CHANGED: ConsentChangedDto,
  CONSENT_WITHDRAWN: ConsentWithdrawnDto,
  SHARING_END_NOTIFIED: SharingEndNotifiedDto,
  INFORMATION_DISCLOSED: InformationDisclosedDto,
  CHILD_HEARD: ChildHeardDto,
  PROPOSE_COORDINATOR: ProposeCoordinatorDto,
  COORDINATOR_ACCEPTED: NoPayload,
  COORDINATOR_DECLINED: CoordinatorDeclinedDto,
  COORDINATOR_CHANGED: CoordinatorChangedDto,
  COORDINATOR_ENDED: CoordinatorEndedDto,
  START_MAPPING: NoPayload,
  START_FOLLOW_UP: NoPayload,
  RECORD_MAPPING: RecordMappingDto,
  FORM_ANSVARSGRUPPE: FormAnsvarsgruppeDto,
  MAPPING_COMPLETED: MappingCompletedDto,
  SUBMIT_PLAN_DRAFT: SubmitPlanDraftDto,
  PLAN_APPROVED: NoPayload,
  START_EVALUATION: StartEvaluationDto,
  EVALUATION_COMPLETED: EvaluationCompletedDto,
  PAUSE: PauseDto,
  RESUME: NoPayload,
  USER_MOVED: UserMovedDto,
  USER_DIED: UserDiedDto,
  CONVERT_TO_COORDINATOR: NoPayload,
  CLOSE: CloseDto,
  ACKNOWLEDGE_ESCALATION: AcknowledgeEscalationDto,
};

export const COMMAND_TYPES = Object.keys(EVENT_PAYLOADS).filter((t) => t !== 'NOTIFICATION_RECEIVED') as CommandEventType[];
