// The API documentation by configuration (API_DOCS): `public` serves the Swagger UI at /docs and the OpenAPI document
// at /docs/openapi.json to anyone; `authenticated` only the document, to a request with a valid bearer token (a
// browser cannot send one for the UI's own page); `off` neither. The document is built either way: tasks give its
// schemas as their inputs.
import { INestApplication } from '@nestjs/common';
import { OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { EnvConfig } from '../../../../libs/config/src';
import { Authenticator } from '../auth/auth.guard';

export function serveApiDocs(app: INestApplication, document: OpenAPIObject, config: EnvConfig): void {
  if (config.API_DOCS === 'off' || !config.API_DOCS) return;
  if (config.API_DOCS === 'authenticated') {
    const authenticator = app.get(Authenticator);
    app.use('/docs', async (req: Request, res: Response, next: NextFunction) => {
      const authentication = await authenticator.authenticate(req);
      if ('principal' in authentication) return next();
      res.setHeader('WWW-Authenticate', authentication.wwwAuthenticate);
      next(authentication.refused);
    });
  }
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json', raw: ['json'], ui: config.API_DOCS === 'public' });
}
