import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

/** OpenAPI at /docs (UI) and /docs/json (document); the document is returned for the input guard. */
export const setupOpenApi = (app: INestApplication): OpenAPIObject => {
  const config = new DocumentBuilder()
    .setTitle('Trestle')
    .setDescription('Event-sourced hub between construction and accounting software: reconciliation, audit, mappings, failures.')
    .setVersion('0.1.0')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key' }, 'apiKey')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json' });
  return document;
};
