import multipart from '@fastify/multipart';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { IMPORT_FILE_LIMIT_BYTES } from './import-intake.js';

/** Lets the import routes take multipart uploads (one file, at most the import limit); registered before the server listens. */
@Injectable()
export class ImportsHttpSetup implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify || typeof fastify.register !== 'function' || fastify.hasContentTypeParser('multipart/form-data')) return;
    // Not awaited: awaiting loads the plugin queue now, ahead of the error handler Nest sets after the init hooks.
    void fastify.register(multipart, { limits: { fileSize: IMPORT_FILE_LIMIT_BYTES, files: 1, fields: 4, parts: 5 } });
  }
}
