import { AccessLogReviewEntity } from './access-log-review.entity';
import { AccessLogEntity } from './access-log.entity';
import { AuditEntryEntity } from './audit-entry.entity';
import { CaseDeadlineEntity } from './case-deadline.entity';
import { CaseHistoryEntity } from './case-history.entity';
import { CaseIncidentEntity } from './case-incident.entity';
import { CaseSubjectEntity } from './case-subject.entity';
import { CaseTaskEntity } from './case-task.entity';
import { CaseVersionEntity } from './case-version.entity';
import { CaseEntity } from './case.entity';
import { CoordinatorTrainingEntity } from './coordinator-training.entity';
import { InternalControlTargetEntity } from './internal-control-target.entity';
import { MunicipalitySettingsEntity } from './municipality-settings.entity';

export { AccessLogEntity, AccessLogReviewEntity, AuditEntryEntity, CaseDeadlineEntity, CaseHistoryEntity, CaseIncidentEntity, CaseSubjectEntity, CaseTaskEntity, CaseVersionEntity, CaseEntity, CoordinatorTrainingEntity, InternalControlTargetEntity, MunicipalitySettingsEntity };
export const ENTITIES = [
  CaseEntity,
  CaseSubjectEntity,
  CaseHistoryEntity,
  CaseTaskEntity,
  CaseDeadlineEntity,
  MunicipalitySettingsEntity,
  AccessLogEntity,
  AccessLogReviewEntity,
  CaseIncidentEntity,
  AuditEntryEntity,
  CaseVersionEntity,
  InternalControlTargetEntity,
  CoordinatorTrainingEntity,
];
