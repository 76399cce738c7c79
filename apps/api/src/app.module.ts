import { ArchiveModule } from './archive/archive.module';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JwtVerifier } from '../../../libs/auth/src';
import { EnvConfig } from '../../../libs/config/src';
import { dataSourceOptions } from '../../../libs/persistence/src';
import { Authenticator, AuthGuard, JWT_VERIFIER } from './auth/auth.guard';
import { AuditModule } from './audit/audit.module';
import { AccessLogModule } from './access-log/access-log.module';
import { AccessPurposeGuard } from './access-log/access-purpose.guard';
import { CasesModule } from './cases/cases.module';
import { CaseVersionsModule } from './case-versions/case-versions.module';
import { CommonModule } from './common/common.module';
import { CoordinatorsModule } from './coordinators/coordinators.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { IncidentsModule } from './incidents/incidents.module';
import { InternalControlModule } from './internal-control/internal-control.module';
import { InternalControlReportsModule } from './internal-control-reports/internal-control-reports.module';
import { MunicipalitiesModule } from './municipalities/municipalities.module';
import { TasksModule } from './tasks/tasks.module';
import { ConfigModule } from './config/config.module';
import { HealthController } from './health/health.controller';
import { ProblemDetailsFilter } from './problem/problem-details.filter';
import { PrincipalThrottlerGuard } from './security/principal-throttler.guard';
import { rateLimits } from './security/rate-limits';
import { TemporalModule } from './temporal/temporal.module';

@Module({})
export class AppModule {
  static with(config: EnvConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.with(config), rateLimits(config), TypeOrmModule.forRoot(dataSourceOptions(config.DATABASE_URL)), TemporalModule, CommonModule, CasesModule, CaseVersionsModule, TasksModule, DeadlinesModule, IncidentsModule, InternalControlModule, InternalControlReportsModule, MunicipalitiesModule, AuditModule, CoordinatorsModule, AccessLogModule, ArchiveModule],
      controllers: [HealthController],
      providers: [
        {
          provide: JWT_VERIFIER,
          useValue: new JwtVerifier({
            issuer: config.OIDC_ISSUER,
            audience: config.OIDC_AUDIENCE,
            jwksUri: config.OIDC_JWKS_URI,
            jwksFile: config.OIDC_JWKS_FILE,
            algorithms: config.OIDC_ALGORITHMS,
            tokenType: config.OIDC_TOKEN_TYPE,
            maxTokenAgeSeconds: config.OIDC_MAX_TOKEN_AGE,
          }),
        },
        Authenticator,
        // In this order: the rate limit counts refused tokens too (by address), then the guard refuses them.
        { provide: APP_GUARD, useClass: PrincipalThrottlerGuard },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: AccessPurposeGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
