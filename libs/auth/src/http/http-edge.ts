/**
 * The protections a service applies to its HTTP app as a whole, beside the route guard:
 * a limit on request bodies (REQUEST_BODY_LIMIT), and authentication in front of the
 * pages that are not NestJS routes, such as the OpenAPI document and its page.
 */
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DocumentBuilder } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, ProblemException } from '@ledger/platform';
import type { NextFunction, Request, Response } from 'express';
import { RequestAuthorizer } from './request-authorizer';

/**
 * JSON bodies up to `limit` (body-parser notation, e.g. `1mb`); larger ones are answered
 * 413. Create the app with `bodyParser: false` so this is the only parser.
 */
export function limitRequestBodies(app: NestExpressApplication, limit: string): void {
  app.useBodyParser('json', { limit, type: ['application/json', 'application/*+json'] });
}

/** Requires a key holding `read-api-docs` on every path under `paths`, e.g. `['/docs', '/openapi.json']`. */
export function protectApiDocs(app: INestApplication, paths: string[]): void {
  const authorizer = app.get(RequestAuthorizer);
  app.use(paths, (request: Request, response: Response, next: NextFunction) => {
    authorizer.authorize(request, response, 'read-api-docs').then(
      () => next(),
      (error: unknown) => {
        if (!(error instanceof ProblemException)) return next(error);
        response.status(error.problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify({ ...error.problem, instance: request.path }));
      },
    );
  });
}

/** The API key security schemes in an OpenAPI document: Bearer for services, Basic for a browser. */
export function withApiKeySecurity(builder: DocumentBuilder): DocumentBuilder {
  return builder
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key of a service account: alk_<keyId>_<secret>.' }, 'apiKey')
    .addBasicAuth({ type: 'http', scheme: 'basic', description: 'Any user name, the API key as the password (for browsers).' }, 'apiKeyAsPassword')
    .addSecurityRequirements('apiKey')
    .addSecurityRequirements('apiKeyAsPassword');
}
