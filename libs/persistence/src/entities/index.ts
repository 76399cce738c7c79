import { AccessLogReviewEntity } from './access-log-review.entity';
import { AccessLogEntity } from './access-log.entity';
import { CaseDeadlineEntity } from './case-deadline.entity';
import { CaseHistoryEntity } from './case-history.entity';
import { CaseIncidentEntity } from './case-incident.entity';
import { CaseSubjectEntity } from './case-subject.entity';
import { CaseTaskEntity } from './case-task.entity';
import { CaseEntity } from './case.entity';
import { CoordinatorTrainingEntity } from './coordinator-training.entity';
import { InternalControlTargetEntity } from './internal-control-target.entity';
import { MunicipalitySettingsEntity } from './municipality-settings.entity';

export { AccessLogEntity, AccessLogReviewEntity, CaseDeadlineEntity, CaseHistoryEntity, CaseIncidentEntity, CaseSubjectEntity, CaseTaskEntity, CaseEntity, CoordinatorTrainingEntity, InternalControlTargetEntity, MunicipalitySettingsEntity };
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
  InternalControlTargetEntity,
  CoordinatorTrainingEntity,
];
