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
import { withResponseContract } from './common/openapi-responses';
import { validationPipe } from './problem/validation';
import { requestIdMiddleware } from './access-log/request-context';
import { withPurposeHeader } from './access-log/openapi-purpose';
import { nationalIdPolicy } from './cases/dto/validators';
import { serveApiDocs } from './security/api-docs';
import { hardenHttp } from './security/http-hardening';
import { requireNestedObjects } from './security/required-nested';

export async function createApiApp(config: EnvConfig): Promise<INestApplication> {
  nationalIdPolicy.allowSynthetic = config.SYNTHETIC_NATIONAL_IDS === true;
  // bodyParser: false: hardenHttp adds the one body parser (JSON, with the configured limit; no urlencoded).
  const app = await NestFactory.create(AppModule.with(config), { bodyParser: false, logger: new NestStructuredLogger(createLogger({ service: 'ke-ip-api', level: config.LOG_LEVEL })) });
  app.use(requestIdMiddleware);
  hardenHttp(app, config);
  requireNestedObjects();
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
  const document = withResponseContract(withPurposeHeader(withJsonSchemaNullable(withEventSchemas(withValidationConstraints(SwaggerModule.createDocument(app, doc))))));
  app.get(OpenApiSchemas).use(document);
  serveApiDocs(app, document, config);
  return app;
}
