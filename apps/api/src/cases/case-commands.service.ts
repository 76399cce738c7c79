// Sends commands to case workflows as Temporal Updates and turns their refusals into problem+json.
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  Client, isGrpcDeadlineError, WithStartWorkflowOperation, WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { AssignedTask, CommandEventType, IpCaseCommand, TaskConflictCode } from '../../../../libs/case-machine/src';
import {
  Actor, applyEventUpdate, CommandOrigin, CASE_VERSION_MISMATCH, CaseCommand, COMMAND_NOT_RECORDED, ResolveIncidentCommand, resolveIncidentUpdate, CommandAccepted, EVENT_NOT_ALLOWED, TASK_CONFLICT, TaskCommand, taskCommandUpdate, workflowIdForCase,
} from '../../../../libs/contracts/src';
import { requestContext } from '../access-log/request-context';
import { preconditionFailed } from '../common/etag';
import { usualBasis, type Principal } from '../../../../libs/auth/src';
import { EnvConfig } from '../../../../libs/config/src';
import { ipCaseWorkflow } from '../../../../workflows';
import { CONFIG } from '../config/config.module';
import { ProblemException } from '../problem/problem';
import { invalidPayload } from '../problem/validation';
import { COMMAND_TYPES, EVENT_PAYLOADS } from './dto/case-event.dto';
import { TEMPORAL_CLIENT } from '../temporal/temporal.module';

export interface TaskConflictDetails {
  code: TaskConflictCode;
  task: AssignedTask | null;
  completedBy: { sub: string; name: string; at: string } | null;
}

/** A task refusal from the workflow, for the tasks resource to answer 409 or 412. */
export class TaskConflictError extends Error {
  constructor(message: string, readonly details: TaskConflictDetails) {
    super(message);
  }
}

export const actorOf = (p: Principal): Actor => ({ sub: p.sub, name: p.name, role: p.role, municipalities: p.municipalities });

/**
 * The request a command comes from and why the person acts, for the audit trail: the purpose they stated (token claim
 * or X-Purpose), else the basis the access policy found for this case (e.g. ASSIGNED_TASK, KE_MUNICIPALITY).
 */
const withOrigin = <C extends { origin?: CommandOrigin }>(command: C, caseId: string, basis?: string | null): C => {
  const ctx = requestContext();
  if (command.origin || !ctx) return command;
  const purpose = ctx.purpose?.text ?? ctx.decisions.get(caseId)?.basis ?? basis ?? undefined;
  return { ...command, origin: { requestId: ctx.requestId, ...(purpose ? { purpose } : {}) } };
};

@Injectable()
export class CaseCommandsService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(CONFIG) private readonly config: EnvConfig,
  ) {}

  /** Intake with Update-with-Start: one workflow per case id however often the notification is sent. */
  async startCase(caseId: string, municipality: string, intake: CaseCommand): Promise<CommandAccepted> {
    const startWorkflowOperation = new WithStartWorkflowOperation(ipCaseWorkflow, {
      workflowId: workflowIdForCase(caseId),
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      args: [{ caseId, municipality, searchAttributes: this.config.SEARCH_ATTRIBUTES }],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    return this.refusals(() =>
      this.temporal.workflow.executeUpdateWithStart(applyEventUpdate, { args: [withOrigin(intake, caseId, usualBasis(
        { ...intake.actor, municipalities: intake.actor.municipalities ?? [] }, { municipality, coordinatorEmployeeId: null, proposedCoordinatorEmployeeId: null },
      ))], startWorkflowOperation, updateId: 'intake' }),
    );
  }

  /** The case workflow resolves its incident (the only writer); a refusal (not open any more) is 409. */
  async resolveIncident(caseId: string, command: ResolveIncidentCommand) {
    return this.refusals(() => this.temporal.workflow.getHandle(workflowIdForCase(caseId)).executeUpdate(resolveIncidentUpdate, { args: [command] })).catch((e) => {
      if (e instanceof WorkflowUpdateFailedError) throw new ProblemException(HttpStatus.CONFLICT, 'Incident not open', e.cause?.message ?? 'The incident is not open.');
      throw e;
    });
  }

  /** Checks the type and the payload of a command against its DTO: 422 with every field error. */
  toCommand(type: string, payload: Record<string, unknown>): IpCaseCommand {
    if (!COMMAND_TYPES.includes(type as CommandEventType)) {
      throw invalidPayload([{ property: 'type', constraints: { isIn: `type must be one of: ${COMMAND_TYPES.join(', ')}` }, children: [] } as never]);
    }
    const dto = plainToInstance(EVENT_PAYLOADS[type as CommandEventType], payload);
    const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false });
    if (errors.length) throw invalidPayload(errors);
    return { type, ...JSON.parse(JSON.stringify(dto)) } as IpCaseCommand;
  }

  async send(caseId: string, command: CaseCommand, updateId?: string): Promise<CommandAccepted> {
    return this.refusals(() =>
      this.temporal.workflow.getHandle(workflowIdForCase(caseId)).executeUpdate(applyEventUpdate, { args: [withOrigin(command, caseId)], updateId }),
    );
  }

  async sendTaskCommand(caseId: string, command: TaskCommand): Promise<AssignedTask> {
    return this.refusals(() => this.temporal.workflow.getHandle(workflowIdForCase(caseId)).executeUpdate(taskCommandUpdate, { args: [withOrigin(command, caseId)] }));
  }

  /** Waits for the case's answer until TEMPORAL_UPDATE_TIMEOUT_MS, then answers 504: the API never hangs. */
  private async refusals<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await this.temporal.connection.withDeadline(Date.now() + this.config.TEMPORAL_UPDATE_TIMEOUT_MS, call);
    } catch (e) {
      // The deadline passed, in the call itself or in the client's update long-poll (which reports it as cancelled).
      if (isGrpcDeadlineError(e) || e instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
        throw new ProblemException(HttpStatus.GATEWAY_TIMEOUT, 'Gateway Timeout',
          `The case did not answer within ${this.config.TEMPORAL_UPDATE_TIMEOUT_MS / 1000} s. The command may still be applied: read the case, or send it again with the same Idempotency-Key.`,
          { code: 'case-did-not-answer' });
      }
      // A closed case's workflow has completed: it takes no more commands (and its view says so: allowedEvents []).
      if (e instanceof WorkflowNotFoundError) {
        throw new ProblemException(HttpStatus.CONFLICT, 'Event not allowed', 'The case is closed: it takes no more commands.', {
          code: 'CASE_CLOSED',
          caseStatus: 'CLOSED',
          allowedEvents: [],
        });
      }
      const cause = e instanceof WorkflowUpdateFailedError ? e.cause : undefined;
      if (cause instanceof ApplicationFailure && cause.type === EVENT_NOT_ALLOWED) {
        // The rule that refused it (code, sentence, legal basis), and what the case takes instead.
        const d = (cause.details?.[0] ?? {}) as { status?: string; code?: string; reason?: string; legalBasis?: string; allowedEvents?: string[]; blockedEvents?: unknown[] };
        throw new ProblemException(HttpStatus.CONFLICT, 'Event not allowed', d.reason ?? cause.message, {
          code: d.code,
          legalBasis: d.legalBasis,
          caseStatus: d.status,
          allowedEvents: d.allowedEvents,
          blockedEvents: d.blockedEvents,
        });
      }
      if (cause instanceof ApplicationFailure && cause.type === COMMAND_NOT_RECORDED) {
        const d = (cause.details?.[0] ?? {}) as { incidentId?: string; sqlState?: string };
        throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, 'Command not recorded', cause.message, {
          code: 'command-not-recorded',
          incidentId: d.incidentId,
          sqlState: d.sqlState,
        });
      }
      if (cause instanceof ApplicationFailure && cause.type === CASE_VERSION_MISMATCH) {
        throw preconditionFailed((cause.details?.[0] as { currentVersion: number }).currentVersion);
      }
      if (cause instanceof ApplicationFailure && cause.type === TASK_CONFLICT) {
        throw new TaskConflictError(cause.message, (cause.details?.[0] ?? {}) as TaskConflictDetails);
      }
      throw e;
    }
  }
}
