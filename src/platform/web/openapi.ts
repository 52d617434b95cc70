import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { API_ROLES } from '../config/api-roles.js';

/** OpenAPI at /docs (UI) and /docs/json (document); the document is returned for the input guard. */
export const setupOpenApi = (app: INestApplication): OpenAPIObject => {
  const config = new DocumentBuilder()
    .setTitle('Trestle')
    .setDescription('Event-sourced hub between construction and accounting software: reconciliation, audit, mappings, failures.')
    .setVersion('0.1.0')
    .addApiKey({
      type: 'apiKey', in: 'header', name: 'x-api-key',
      description: `A key of one role (${API_ROLES.join(', ')}); each operation's x-roles names the roles it allows besides admin, who may call every one.`,
    }, 'apiKey')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json' });
  return document;
};
