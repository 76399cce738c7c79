import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { EnvConfig } from '../../../libs/config/src';
import { createLogger, NestStructuredLogger } from '../../../libs/logging/src';
import { AppModule } from './app.module';
import { OpenApiSchemas } from './common/openapi-schemas';
import { withValidationConstraints } from './common/openapi-validation';
import { withEventSchemas } from './cases/event-schemas';
import { withJsonSchemaNullable } from './common/openapi-nullable';
import { validationPipe } from './problem/validation';
import { requestIdMiddleware } from './access-log/request-context';
import { nationalIdPolicy } from './cases/dto/validators';

export async function createApiApp(config: EnvConfig): Promise<INestApplication> {
  nationalIdPolicy.allowSynthetic = config.SYNTHETIC_NATIONAL_IDS;
  const app = await NestFactory.create(AppModule.with(config), { logger: new NestStructuredLogger(createLogger({ service: 'ke-ip-api', level: config.LOG_LEVEL })) });
  app.use(requestIdMiddleware);
  app.useGlobalPipes(validationPipe());
  // ETags are versions the resources set themselves (common/etag.ts), never Express's hash of the body.
  app.getHttpAdapter().getInstance().set('etag', false);
  const doc = new DocumentBuilder()
    .setTitle('KE individual-plan case engine')
    .setDescription('Cases of the coordinating unit (koordinerende enhet): individuell plan, koordinator, barnekoordinator. Errors are RFC 7807 problem+json.')
    .setVersion('0.1.0')
    .setOpenAPIVersion('3.1.0')
    .addBearerAuth()
    .build();
  const document = withJsonSchemaNullable(withEventSchemas(withValidationConstraints(SwaggerModule.createDocument(app, doc))));
  app.get(OpenApiSchemas).use(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}
