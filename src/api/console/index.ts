import type { Provider, Type } from '@nestjs/common';
import { ConsolePages } from './console-pages.service.js';
import { ConsoleServices } from './console-services.js';
import { ConsoleSessionController } from './session.controller.js';
import { viewController } from './view-controller.js';
import { CONSOLE_VIEWS } from './views/index.js';

/** The console's controllers (sign-in, then one per view) and services, for the reporting API module to compose. */
export const CONSOLE = {
  controllers: [ConsoleSessionController, ...CONSOLE_VIEWS.map(viewController)] as Type[],
  providers: [ConsoleServices, ConsolePages] as Provider[],
};
