import { Module } from '@nestjs/common';
import { ImportsController } from './imports.controller.js';

/** /imports/{connection}/{kind}: needs ImportsModule. */
@Module({ controllers: [ImportsController] })
export class ImportsApiModule {}
